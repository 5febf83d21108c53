namespace Matchmaker.Model.Ranking;

/// <summary>The metrics of one method on one pool seed.</summary>
public sealed record MethodQuality(string Method, double NdcgAt10, double RecallAt10);

/// <summary>All methods on one pool seed, with the model's ranked lists.</summary>
public sealed record SeedEvaluation(int Seed, int Corporates, IReadOnlyList<MethodQuality> Methods, IReadOnlyList<RankedItem> ModelRanking);

/// <summary>
/// The temporal hold-out: learn from engagements before the split, then let every corporate with enough
/// history rank a pool of its real later targets mixed with other targets of the later period.
/// </summary>
public static class TemporalEvaluation
{
    public const int MinTrainingTargets = 5;

    /// <summary>Corporates that can be tested: ≥5 distinct targets before the split and ≥1 new one after.</summary>
    public static IReadOnlyList<(string Corporate, IReadOnlyList<string> TestTargets)> TestCorporates(CrunchbaseData data, DateOnly split)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var group in data.Engagements.GroupBy(e => e.CorporateId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var before = group.Where(e => e.Date < split).Select(e => e.TargetId).ToHashSet(StringComparer.Ordinal);
            var after = group.Where(e => e.Date >= split && !before.Contains(e.TargetId)).Select(e => e.TargetId).Distinct().Order(StringComparer.Ordinal).ToList();
            if (before.Count >= MinTrainingTargets && after.Count >= 1) result.Add((group.Key, after));
        }
        return result;
    }

    /// <param name="oracle">When the data is planted: the true taste of a corporate for a candidate, ranked as the method "oracle".</param>
    public static SeedEvaluation Evaluate(CrunchbaseData data, RankingModel model, DateOnly split, int pool, int seed, Func<string, CandidateView, double>? oracle = null)
    {
        var testPeriod = data.Engagements.Where(e => e.Date >= split).Select(e => e.TargetId).Distinct().Order(StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var candidates = new Dictionary<string, CandidateView>(StringComparer.Ordinal);
        CandidateView Candidate(string id) => candidates.TryGetValue(id, out var c) ? c : candidates[id] = data.Candidate(id, split);

        var pairs = new List<RankingPair>();
        var lists = new List<(string Corporate, int Start, HashSet<string> Positives)>();
        foreach (var (corporateId, testTargets) in TestCorporates(data, split))
        {
            var corporate = data.Corporate(corporateId, split);
            var ever = data.EngagementsOf(corporateId).Select(e => e.TargetId).ToHashSet(StringComparer.Ordinal);
            var positives = testTargets.ToHashSet(StringComparer.Ordinal);
            var poolIds = new List<string>(testTargets);
            var others = testPeriod.Where(t => !ever.Contains(t)).ToList();
            // Partial Fisher–Yates: the first draws of a seeded shuffle.
            for (var i = 0; i < others.Count && poolIds.Count < pool; i++)
            {
                var j = random.Next(i, others.Count);
                (others[i], others[j]) = (others[j], others[i]);
                poolIds.Add(others[i]);
            }
            lists.Add((corporateId, pairs.Count, positives));
            pairs.AddRange(poolIds.Select(id => new RankingPair(corporate, Candidate(id))));
        }

        var scores = model.Score(pairs);
        var features = new float[PairFeatures.Length];
        var prepared = new Dictionary<CorporateView, PreparedCorporate>(ReferenceEqualityComparer.Instance);
        var modelRanking = new List<RankedItem>();
        var jaccard = new List<RankedItem>();
        var cosine = new List<RankedItem>();
        var byOracle = new List<RankedItem>();
        var taste = new List<RankedItem>();
        for (var l = 0; l < lists.Count; l++)
        {
            var (corporateId, start, positives) = lists[l];
            var end = l + 1 < lists.Count ? lists[l + 1].Start : pairs.Count;
            var byModel = new List<(string, double, int)>();
            var byJaccard = new List<(string, double, int)>();
            var byCosine = new List<(string, double, int)>();
            var byTruth = new List<(string, double, int)>();
            var byTaste = new List<(string, double, int)>();
            for (var i = start; i < end; i++)
            {
                var pair = pairs[i];
                if (!prepared.TryGetValue(pair.Corporate, out var corporate)) prepared[pair.Corporate] = corporate = new PreparedCorporate(pair.Corporate, model.Context);
                // The baselines are two of the model's own features, so they see exactly the same information.
                PairFeatures.Compute(corporate, new PreparedCandidate(pair.Candidate, model.Context), features);
                var label = positives.Contains(pair.Candidate.Id) ? 1 : 0;
                byModel.Add((pair.Candidate.Id, scores[i].Score, label));
                byJaccard.Add((pair.Candidate.Id, features[PairFeatures.SectorJaccard], label));
                byCosine.Add((pair.Candidate.Id, features[PairFeatures.HistorySectorCosine], label));
                byTaste.Add((pair.Candidate.Id, features[PairFeatures.TasteLogLift], label));
                if (oracle is not null) byTruth.Add((pair.Candidate.Id, oracle(corporateId, pair.Candidate), label));
            }
            modelRanking.AddRange(RankingMetrics.Rank(corporateId, byModel, seed));
            jaccard.AddRange(RankingMetrics.Rank(corporateId, byJaccard, seed));
            cosine.AddRange(RankingMetrics.Rank(corporateId, byCosine, seed));
            taste.AddRange(RankingMetrics.Rank(corporateId, byTaste, seed));
            if (oracle is not null) byOracle.AddRange(RankingMetrics.Rank(corporateId, byTruth, seed));
        }

        List<MethodQuality> methods = [Quality("model", modelRanking), Quality("jaccard", jaccard), Quality("weighted_cosine", cosine), Quality("taste_log_lift", taste)];
        if (oracle is not null) methods.Add(Quality("oracle", byOracle));
        return new SeedEvaluation(seed, lists.Count, methods, modelRanking);
    }

    private static MethodQuality Quality(string method, IEnumerable<RankedItem> items)
    {
        var q = RankingMetrics.Of(items);
        return new MethodQuality(method, q.NdcgAt10, q.RecallAt10);
    }
}
