namespace Matchmaker.Model.Ranking;

/// <summary>
/// Turns engagement history into ranked lists: at each engagement, the corporate (with its history up
/// to that day) ranks the real target above startups other corporates engaged within a year of it.
/// </summary>
public static class CrunchbaseTraining
{
    /// <summary>Learns the shared statistics from engagements before <paramref name="cutoff"/> only.</summary>
    public static RankingContext LearnContext(CrunchbaseData data, DateOnly cutoff) =>
        RankingContext.Learn(data.Engagements.Where(e => e.Date < cutoff).Select(data.Observed));

    /// <summary>Pseudo-splits every quarter, this many back from the cutoff (six years).</summary>
    public const int PseudoSplits = 24;

    /// <summary>How far after a pseudo-split its targets count as that corporate's "later" targets.</summary>
    public const int HorizonMonths = 24;

    /// <summary>A list holds the positives and other targets up to this size, like an evaluation pool.</summary>
    public const int ListSize = 100;

    /// <summary>
    /// Training lists that repeat the evaluation protocol inside the training period: at pseudo-splits every
    /// half year before the cutoff, each corporate with a history ranks its targets of the next two years
    /// (label 1) among other targets of the same window (label 0) up to 100 in all, as an evaluation pool, everything seen as at the pseudo-split.
    /// Rows, negatives and candidate views then have the same distribution as the lists the model will rank.
    /// </summary>
    public static IReadOnlyList<TrainingGroup> Groups(CrunchbaseData data, RankingContext context, DateOnly cutoff, int seed = 0)
    {
        var training = data.Engagements.Where(e => e.Date < cutoff).ToList();
        if (training.Count == 0) return [];
        var last = training.Max(e => e.Date);
        var end = cutoff == DateOnly.MaxValue ? last.AddDays(1) : cutoff;
        var random = new Random(seed);
        var everOf = training.GroupBy(e => e.CorporateId)
            .ToDictionary(g => g.Key, g => g.Select(e => e.TargetId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var observedOf = training.GroupBy(e => e.CorporateId).ToDictionary(g => g.Key,
            g => g.Select(e => (e.Date, Observed: data.Observed(e))).ToList(), StringComparer.Ordinal);
        var groups = new List<TrainingGroup>();
        var features = new float[PairFeatures.Length];
        for (var k = 1; k <= PseudoSplits; k++)
        {
            var split = end.AddMonths(-3 * k);
            var windowEnd = split.AddMonths(HorizonMonths) < end ? split.AddMonths(HorizonMonths) : end;
            var window = training.Where(e => e.Date >= split && e.Date < windowEnd).ToList();
            var windowTargets = window.Select(e => e.TargetId).Distinct().Order(StringComparer.Ordinal).ToList();
            if (windowTargets.Count < 10) continue;
            var candidates = new Dictionary<string, PreparedCandidate>(StringComparer.Ordinal);
            foreach (var corporateGroup in window.GroupBy(e => e.CorporateId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var corporateId = corporateGroup.Key;
                var view = data.Corporate(corporateId, split);
                if (view.History.Count == 0) continue;
                var before = data.EngagementsOf(corporateId).Where(e => e.Date < split).Select(e => e.TargetId).ToHashSet(StringComparer.Ordinal);
                var positives = corporateGroup.Select(e => e.TargetId).Where(t => !before.Contains(t)).Distinct().ToList();
                if (positives.Count == 0) continue;
                var ever = everOf[corporateId];
                var others = windowTargets.Where(t => !ever.Contains(t)).ToList();
                var negatives = new List<string>();
                for (var i = 0; i < others.Count && positives.Count + negatives.Count < ListSize; i++)
                {
                    var j = random.Next(i, others.Count);
                    (others[i], others[j]) = (others[j], others[i]);
                    negatives.Add(others[i]);
                }
                // The cross-corporate statistics without this corporate's engagements from the pseudo-split on: they hold its labels.
                var all = observedOf[corporateId];
                var kept = all.Where(o => o.Date < split).Select(o => o.Observed).ToList();
                var corporate = new PreparedCorporate(view, context.WithoutLaterEngagements([.. all.Select(o => o.Observed)], kept));
                var rows = new List<float[]>();
                var labels = new List<float>();
                foreach (var (id, label) in positives.Select(p => (p, 1f)).Concat(negatives.Select(n => (n, 0f))))
                {
                    if (!candidates.TryGetValue(id, out var candidate))
                        candidates[id] = candidate = new PreparedCandidate(data.Candidate(id, split), context);
                    PairFeatures.Compute(corporate, candidate, features);
                    rows.Add([.. features]);
                    labels.Add(label);
                }
                groups.Add(new TrainingGroup(rows, labels));
            }
        }
        return groups;
    }

    public static RankingModel Train(CrunchbaseData data, DateOnly cutoff, TrainerSettings settings, string trainedOn)
    {
        var context = LearnContext(data, cutoff);
        return RankingTrainer.Train(Groups(data, context, cutoff, settings.SamplingSeed), context, settings, trainedOn);
    }
}
