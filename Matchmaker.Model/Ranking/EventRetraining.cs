namespace Matchmaker.Model.Ranking;

/// <summary>The retrained model and the evidence for (or against) using it.</summary>
public sealed record RetrainResult(
    RankingModel Candidate,
    double DefaultNdcgAt10,
    double CandidateNdcgAt10,
    int TrainingGroups,
    int HeldOutGroups,
    bool UseCandidate,
    string Why);

/// <summary>
/// Knobs of retraining; the defaults suit an event of a few hundred participants. The learner (300 stumps,
/// ≥ 30 rows a leaf) was chosen on simulated weeks of seeds 100–107, not on the reported seeds 0–4: one day
/// of signals is a few thousand rows, and deeper trees learn that day's noise.
/// </summary>
public sealed record RetrainSettings(
    double HeldOutShare = 0.25,
    int MinTrainingGroups = 10,
    int MinHeldOutGroups = 3,
    int NegativesPerGroup = 30,
    int Seed = 0,
    bool RefitOnAllGroups = true,
    int Trees = 300,
    int Leaves = 2,
    int MinRowsPerLeaf = 30,
    double LearningRate = 0.05);

/// <summary>
/// Retraining from an event's own signals, for the nightly batch. Each delegate's list and each
/// startup's list is a group; relevance grades come from what happened: 3 = met and rated ≥ 4/5,
/// 2 = accepted (or met and rated lower), 1 = asked by either side (the browser's own ask even when the
/// other side declined it), 0 = the browser declined, or nothing (a sample of untouched pairs). A share of
/// the groups is held out, and the new model is used only when it ranks those held-out groups better than
/// the model it would replace, judged on what each browser itself wanted (<see cref="BrowserWants"/>);
/// it is then refitted on every group.
/// </summary>
public static class EventRetraining
{
    public static RetrainResult Retrain(RankingModel currentModel, IReadOnlyList<EventDelegate> delegates, IReadOnlyList<EventStartup> startups,
        IReadOnlyList<EventSignal> signals, DateOnly asOf, RetrainSettings? settings = null)
    {
        settings ??= new RetrainSettings();
        var context = currentModel.Context;
        var corporates = delegates.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var candidates = startups.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var startupProfiles = startups.ToDictionary(s => s.Id, s => s.Profile, StringComparer.Ordinal);
        var delegateProfiles = delegates.ToDictionary(d => d.Id, d => d.Profile, StringComparer.Ordinal);
        var known = signals.Where(s => corporates.ContainsKey(s.DelegateId) && candidates.ContainsKey(s.StartupId))
            .GroupBy(s => (s.DelegateId, s.StartupId)).ToDictionary(g => g.Key, g => g.Last().Signals);
        var signalsOfDelegate = known.Select(k => new EventSignal(k.Key.DelegateId, k.Key.StartupId, k.Value)).ToLookup(s => s.DelegateId, StringComparer.Ordinal);
        var signalsOfStartup = known.Select(k => new EventSignal(k.Key.DelegateId, k.Key.StartupId, k.Value)).ToLookup(s => s.StartupId, StringComparer.Ordinal);
        var wantedBy = signalsOfDelegate.ToDictionary(g => g.Key, g => g.Where(s => EventViews.DelegateWants(s.Signals)).Select(s => s.StartupId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var wantedByStartup = signalsOfStartup.ToDictionary(g => g.Key, g => g.Where(s => EventViews.StartupWants(s.Signals)).Select(s => s.DelegateId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        var random = new Random(settings.Seed);
        var groups = new List<(string Key, TrainingGroup Group, TrainingGroup Gate)>();
        foreach (var d in corporates.Keys.Order(StringComparer.Ordinal))
            AddGroup("d:" + d, candidates.Keys.Order(StringComparer.Ordinal).Select(s => (d, s)), Perspective.CorporateBrowses);
        foreach (var s in candidates.Keys.Order(StringComparer.Ordinal))
            AddGroup("s:" + s, corporates.Keys.Order(StringComparer.Ordinal).Select(d => (d, s)), Perspective.StartupBrowses);

        var shuffled = groups.OrderBy(_ => random.Next()).ToList();
        var heldOutCount = (int)Math.Round(shuffled.Count * settings.HeldOutShare);
        // The gate ranks the held-out lists on what each browser itself wanted: the task of its next requests.
        var heldOut = shuffled.Take(heldOutCount).Select(g => g.Gate).Where(g => g.Labels.Any(l => l > 0)).ToList();
        var training = shuffled.Skip(heldOutCount).Select(g => g.Group).ToList();

        if (training.Count < settings.MinTrainingGroups || heldOut.Count < settings.MinHeldOutGroups)
        {
            var current = heldOut.Count == 0 ? 0 : Ndcg(currentModel, heldOut);
            return new RetrainResult(currentModel, current, current, training.Count, heldOut.Count, false,
                $"Too few signals: {training.Count} training and {heldOut.Count} held-out lists with a positive (need {settings.MinTrainingGroups} and {settings.MinHeldOutGroups}).");
        }

        var learner = new TrainerSettings(currentModel.Info.Ranker, Trees: settings.Trees, Leaves: settings.Leaves, MinRowsPerLeaf: settings.MinRowsPerLeaf,
            LearningRate: settings.LearningRate);
        var trainedOn = $"event signals as of {asOf:yyyy-MM-dd} ({signals.Count} signals)";
        var candidate = RankingTrainer.Train(training, context, learner, trainedOn);
        var before = Ndcg(currentModel, heldOut);
        var after = Ndcg(candidate, heldOut);
        var use = after > before;
        if (!use)
            return new RetrainResult(candidate, before, after, training.Count, heldOut.Count, false,
                $"Held-out NDCG@10 {after:0.000} does not beat the current model's {before:0.000}; keep the current model.");
        // The gate judged the recipe; the model put to use learns it from every list, held-out ones included.
        var refit = settings.RefitOnAllGroups ? RankingTrainer.Train([.. groups.Select(g => g.Group)], context, learner, trainedOn) : candidate;
        return new RetrainResult(refit, before, after, training.Count, heldOut.Count, true,
            $"Held-out NDCG@10 {after:0.000} beats the current model's {before:0.000}" + (settings.RefitOnAllGroups ? $"; refitted on all {groups.Count} lists." : "."));

        void AddGroup(string key, IEnumerable<(string DelegateId, string StartupId)> pairs, Perspective perspective)
        {
            var labelled = new List<((string, string) Pair, float Label, float Gate)>();
            var untouched = new List<(string, string)>();
            foreach (var pair in pairs)
            {
                if (known.TryGetValue(pair, out var signal)) labelled.Add((pair, Grade(signal, perspective), BrowserWants(signal, perspective) ? 1 : 0));
                else untouched.Add(pair);
            }
            if (!labelled.Any(l => l.Label > 0)) return;
            foreach (var pair in untouched.OrderBy(_ => random.Next()).Take(settings.NegativesPerGroup)) labelled.Add((pair, 0, 0));
            // Shuffled so that ties in a model's scores cannot favour the signalled pairs listed first.
            labelled = [.. labelled.OrderBy(_ => random.Next())];

            // Each row sees both parties' event histories without one item: the pair itself when it is in them
            // (it holds the label), else a random one, so positives and negatives see histories of the same size.
            var rows = new List<float[]>();
            foreach (var ((delegateId, startupId), _, _) in labelled)
            {
                var features = new float[PairFeatures.Length];
                var corporate = EventViews.Corporate(corporates[delegateId], startupProfiles, signalsOfDelegate[delegateId], asOf,
                    LeaveOut(wantedBy.GetValueOrDefault(delegateId), startupId));
                var candidate = EventViews.Candidate(candidates[startupId], delegateProfiles, signalsOfStartup[startupId],
                    LeaveOut(wantedByStartup.GetValueOrDefault(startupId), delegateId));
                PairFeatures.Compute(new PreparedCorporate(corporate, context), new PreparedCandidate(candidate, context), features);
                rows.Add(features);
            }
            groups.Add((key, new TrainingGroup(rows, [.. labelled.Select(l => l.Label)]), new TrainingGroup(rows, [.. labelled.Select(l => l.Gate)])));
        }

        string? LeaveOut(List<string>? wanted, string pairedId) =>
            wanted is null || wanted.Count == 0 ? null : wanted.Contains(pairedId) ? pairedId : wanted[random.Next(wanted.Count)];
    }

    /// <summary>
    /// How much the browsing party wanted this pair, by what happened. Its own ask counts even when the other
    /// side declined it (the browser wanted the meeting: that is its taste); a request it declined counts 0.
    /// </summary>
    public static float Grade(PairSignals s, Perspective perspective)
    {
        var otherAsked = perspective == Perspective.CorporateBrowses ? s.StartupRequested : s.DelegateInvited;
        var browserAsked = perspective == Perspective.CorporateBrowses ? s.DelegateInvited : s.StartupRequested;
        if (s.Declined && !browserAsked) return 0;
        if (s.Rating is >= 4) return 3;
        if ((s.Accepted && !s.Declined) || s.Rating is not null) return 2;
        return otherAsked || browserAsked ? 1 : 0;
    }

    /// <summary>
    /// What the gate counts as relevant: what the browser itself has shown it wants (it asked, or it accepted the
    /// other side's ask, or it rated the meeting 4/5 or more). That is what its next requests are made of; the
    /// other side's interest alone is not.
    /// </summary>
    public static bool BrowserWants(PairSignals s, Perspective perspective) =>
        perspective == Perspective.CorporateBrowses ? EventViews.DelegateWants(s) : EventViews.StartupWants(s) || s.Rating >= 4;

    /// <summary>Mean NDCG@10 of a model over groups, on their graded labels.</summary>
    public static double Ndcg(RankingModel model, IReadOnlyList<TrainingGroup> groups)
    {
        double sum = 0;
        foreach (var group in groups)
        {
            var order = Enumerable.Range(0, group.Features.Count)
                .Select(i => (Score: model.ScoreFeatures(group.Features[i]), Label: (int)group.Labels[i], Index: i))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Index).Select(x => x.Label).ToList();
            sum += RankingMetrics.Ndcg(order);
        }
        return groups.Count == 0 ? 0 : sum / groups.Count;
    }
}
