using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>Size and rhythm of a simulated event week.</summary>
public sealed record SimulationSettings(
    int Delegates = 40,
    int Startups = 200,
    int Days = 4,
    int InvitationsPerDelegatePerDay = 3,
    int RequestsPerStartupPerDay = 1,
    RetrainSettings? Retrain = null);

/// <summary>One day of the simulated week: how well each model ranked the requests made that day.</summary>
public sealed record SimulatedDay(
    int Day,
    string ServedModel,
    double DefaultRecallAt10,
    double ServedRecallAt10,
    double OracleRecallAt10,
    double DefaultDelegateRecallAt10,
    double ServedDelegateRecallAt10,
    double DefaultStartupRecallAt10,
    double ServedStartupRecallAt10,
    int Lists,
    int Signals,
    RetrainResult? LastNight,
    double TasteLiftDelegateRecallAt10 = 0,
    double OracleDelegateRecallAt10 = 0,
    double OracleStartupRecallAt10 = 0);

/// <summary>
/// An event week where scouts and startups act on hidden tastes: every day each delegate invites a few
/// startups and each startup asks a delegate, drawn in proportion to their tastes, and the other side
/// accepts with a chance that grows with how much it likes the asker. Each morning, before anyone acts,
/// the default model and the model in use rank every list; recall@10 counts that day's requests. Each
/// night the model is retrained from all signals so far and used only if it wins on held-out lists.
/// </summary>
public static class EventSimulation
{
    public static IReadOnlyList<SimulatedDay> Run(RankingModel defaultModel, int seed, SimulationSettings? settings = null)
    {
        settings ??= new SimulationSettings();
        var random = new Random(seed);
        var sectors = SectorSet.Names.Where(s => s != "other").OrderBy(_ => random.Next()).ToArray();
        var popularity = sectors.Select((_, i) => 1.0 / (i + 1)).ToArray();
        var marketShare = sectors.Select((s, i) => (s, popularity[i] / popularity.Sum())).ToDictionary(p => p.s, p => p.Item2);
        var places = PlantedHistory.PlaceList.OrderBy(_ => random.Next()).Take(10).ToArray();
        var placeWeights = places.Select((_, i) => 1.0 / Math.Sqrt(i + 1)).ToArray();
        var start = new DateOnly(2026, 11, 23);

        var startups = new List<EventStartup>();
        var startupTastes = new List<(Dictionary<string, double> Sectors, string Country, double HomeFactor)>();
        for (var i = 0; i < settings.Startups; i++)
        {
            var place = places[Sampling.Pick(random, placeWeights)];
            var own = new List<string> { sectors[Sampling.Pick(random, popularity)] };
            if (random.NextDouble() < 0.3) own.Add(sectors[Sampling.Pick(random, popularity)]);
            long? funding = random.NextDouble() < 0.8 ? (long)Math.Pow(10, Math.Clamp(6.2 + Sampling.Normal(random) * 0.8, 4.5, 8.7)) : null;
            startups.Add(new EventStartup($"s{i}", new StartupProfile($"Startup {i}", [.. own.Distinct()], CrunchbaseData.StageOf(funding) ?? "seed",
                place.Country, place.City, ["partnership"], null, null, null, null, 2026 - random.Next(12), funding)));
            // Which corporates' sectors it wants to meet, and how much it prefers its own country.
            var wanted = sectors.ToDictionary(s => s, _ => 0.2, StringComparer.Ordinal);
            foreach (var s in sectors.OrderBy(_ => random.Next()).Take(2)) wanted[s] += 1 + 4 * random.NextDouble();
            startupTastes.Add((wanted, place.Country, 1 + 4 * random.NextDouble()));
        }

        var delegates = new List<EventDelegate>();
        var delegateTastes = new List<PlantedTaste>();
        for (var i = 0; i < settings.Delegates; i++)
        {
            var favourites = sectors.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
            var weights = favourites.Select(_ => -Math.Log(1 - random.NextDouble())).ToList();
            var mass = 0.55 + 0.35 * random.NextDouble();
            var shares = sectors.ToDictionary(s => s, s => (1 - mass) * marketShare[s], StringComparer.Ordinal);
            for (var f = 0; f < favourites.Count; f++) shares[favourites[f]] += mass * weights[f] / weights.Sum();
            var perStartup = shares.ToDictionary(p => p.Key, p => p.Value / marketShare[p.Key], StringComparer.Ordinal);
            var home = places[Sampling.Pick(random, placeWeights)];
            var factor = random.NextDouble() < 0.3 ? 1 : 1 + 7 * random.NextDouble();
            delegateTastes.Add(new PlantedTaste(perStartup, new Place(home.Country, null, home.City), factor, factor,
                5.3 + 2.5 * random.NextDouble(), 0.3 + 0.6 * random.NextDouble(), 0.2 + 0.8 * random.NextDouble(), 2 + 8 * random.NextDouble()));
            // What it declares is only part of its taste: its company's sector, one favourite and one sector it does not favour.
            var interests = new[] { favourites[0], sectors[random.Next(sectors.Length)] }.Distinct().ToList();
            delegates.Add(new EventDelegate($"d{i}", new DelegateProfile($"Scout {i}", "Scout", $"Corp {i}", favourites[^1], interests,
                ["partnership"], null, null, null, 8, null, home.Country, home.City)));
        }

        double DelegateTaste(int d, int s)
        {
            var p = startups[s].Profile;
            return PlantedHistory.Taste(delegateTastes[d], p.Sectors, new Place(p.Country, null, p.City), p.FundingUsd, p.FoundedYear, start.Year);
        }
        double StartupTaste(int s, int d)
        {
            var taste = startupTastes[s];
            var profile = delegates[d].Profile;
            return taste.Sectors.GetValueOrDefault(profile.CompanySector, 0.2) * (profile.CompanyCountry == taste.Country ? taste.HomeFactor : 1);
        }
        var delegateTaste = new double[delegates.Count, startups.Count];
        var startupTaste = new double[startups.Count, delegates.Count];
        for (var d = 0; d < delegates.Count; d++)
            for (var s = 0; s < startups.Count; s++)
            {
                delegateTaste[d, s] = DelegateTaste(d, s);
                startupTaste[s, d] = StartupTaste(s, d);
            }
        // Acceptance: the share of the receiver's counterparts it likes less than the asker.
        double DelegateAccepts(int d, int s) => Enumerable.Range(0, startups.Count).Count(o => delegateTaste[d, o] < delegateTaste[d, s]) / (double)startups.Count;
        double StartupAccepts(int s, int d) => Enumerable.Range(0, delegates.Count).Count(o => startupTaste[s, o] < startupTaste[s, d]) / (double)delegates.Count;

        var signals = new Dictionary<(int D, int S), PairSignals>();
        var served = defaultModel;
        var servedName = "default";
        RetrainResult? lastNight = null;
        var days = new List<SimulatedDay>();
        for (var day = 1; day <= settings.Days; day++)
        {
            var asOf = start.AddDays(day - 1);
            // The day's requests, drawn from the hidden tastes among pairs with no signal yet.
            var invitations = new List<(int D, int S)>();
            for (var d = 0; d < delegates.Count; d++)
            {
                var open = Enumerable.Range(0, startups.Count).Where(s => !signals.ContainsKey((d, s))).ToList();
                foreach (var s in Draw(random, open, s => delegateTaste[d, s], settings.InvitationsPerDelegatePerDay)) invitations.Add((d, s));
            }
            var requests = new List<(int D, int S)>();
            for (var s = 0; s < startups.Count; s++)
            {
                var open = Enumerable.Range(0, delegates.Count).Where(d => !signals.ContainsKey((d, s)) && !invitations.Contains((d, s))).ToList();
                foreach (var d in Draw(random, open, d => startupTaste[s, d], settings.RequestsPerStartupPerDay)) requests.Add((d, s));
            }

            // Morning: rank with what was known last night.
            var known = signals.Select(p => new EventSignal(delegates[p.Key.D].Id, startups[p.Key.S].Id, p.Value)).ToList();
            var (corporates, candidates) = EventViews.All(delegates, startups, known, asOf);
            var defaultScores = Scores(defaultModel, corporates, candidates);
            var servedScores = ReferenceEquals(served, defaultModel) ? defaultScores : Scores(served, corporates, candidates);
            var delegateLists = Enumerable.Range(0, delegates.Count).Select(d => (Open: Enumerable.Range(0, startups.Count).Where(s => !signals.ContainsKey((d, s))).ToList(),
                Positives: invitations.Where(p => p.D == d).Select(p => p.S).ToHashSet())).ToList();
            var startupLists = Enumerable.Range(0, startups.Count).Select(s => (Open: Enumerable.Range(0, delegates.Count).Where(d => !signals.ContainsKey((d, s))).ToList(),
                Positives: requests.Where(p => p.S == s).Select(p => p.D).ToHashSet())).ToList();
            double DelegateRecall(Func<int, int, double> score) => MeanRecall(delegateLists.Select((l, d) => (l.Open, l.Positives, (Func<int, double>)(s => score(d, s)))), seed + day);
            double StartupRecall(Func<int, int, double> score) => MeanRecall(startupLists.Select((l, s) => (l.Open, l.Positives, (Func<int, double>)(d => score(s, d)))), seed + day);
            var lists = delegateLists.Count(l => l.Positives.Count > 0) + startupLists.Count(l => l.Positives.Count > 0);
            double Combined(double delegateRecall, double startupRecall) =>
                (delegateRecall * delegateLists.Count(l => l.Positives.Count > 0) + startupRecall * startupLists.Count(l => l.Positives.Count > 0)) / lists;
            var dDefault = DelegateRecall((d, s) => defaultScores.Delegate[d, s]);
            var dServed = DelegateRecall((d, s) => servedScores.Delegate[d, s]);
            var sDefault = StartupRecall((s, d) => defaultScores.Startup[s, d]);
            var sServed = StartupRecall((s, d) => servedScores.Startup[s, d]);
            var tasteLift = TasteLift(defaultModel.Context, corporates, candidates);
            var dTaste = DelegateRecall((d, s) => tasteLift[d, s]);
            var dOracle = DelegateRecall((d, s) => delegateTaste[d, s]);
            var sOracle = StartupRecall((s, d) => startupTaste[s, d]);
            days.Add(new SimulatedDay(day, servedName, Combined(dDefault, sDefault), Combined(dServed, sServed), Combined(dOracle, sOracle),
                dDefault, dServed, sDefault, sServed, lists, signals.Count, lastNight, dTaste, dOracle, sOracle));

            // The day happens: requests are answered by the receiver's taste.
            foreach (var (d, s) in invitations)
                signals[(d, s)] = random.NextDouble() < StartupAccepts(s, d) ? new PairSignals(DelegateInvited: true, Accepted: true) : new PairSignals(DelegateInvited: true, Declined: true);
            foreach (var (d, s) in requests)
                signals[(d, s)] = random.NextDouble() < DelegateAccepts(d, s) ? new PairSignals(StartupRequested: true, Accepted: true) : new PairSignals(StartupRequested: true, Declined: true);

            // Night: retrain from everything so far; use it only if it wins on held-out lists.
            var all = signals.Select(p => new EventSignal(delegates[p.Key.D].Id, startups[p.Key.S].Id, p.Value)).ToList();
            lastNight = EventRetraining.Retrain(served, delegates, startups, all, asOf.AddDays(1), (settings.Retrain ?? new RetrainSettings()) with { Seed = seed + day });
            if (lastNight.UseCandidate)
            {
                served = lastNight.Candidate;
                servedName = $"retrained night {day}";
            }
        }
        return days;
    }

    private static (double[,] Delegate, double[,] Startup) Scores(RankingModel model, List<CorporateView> corporates, List<CandidateView> candidates)
    {
        var pairs = new List<RankingPair>(corporates.Count * candidates.Count * 2);
        foreach (var perspective in (Perspective[])[Perspective.CorporateBrowses, Perspective.StartupBrowses])
            for (var d = 0; d < corporates.Count; d++)
                for (var s = 0; s < candidates.Count; s++)
                    pairs.Add(new RankingPair(corporates[d], candidates[s], perspective));
        var scores = model.ScoreOnly(pairs);
        var byDelegate = new double[corporates.Count, candidates.Count];
        var byStartup = new double[candidates.Count, corporates.Count];
        var half = corporates.Count * candidates.Count;
        for (var d = 0; d < corporates.Count; d++)
            for (var s = 0; s < candidates.Count; s++)
            {
                byDelegate[d, s] = scores[d * candidates.Count + s];
                byStartup[s, d] = scores[half + d * candidates.Count + s];
            }
        return (byDelegate, byStartup);
    }

    /// <summary>The naive-Bayes taste feature alone, for delegate lists: what the smoothed history says without any learning.</summary>
    private static double[,] TasteLift(RankingContext context, List<CorporateView> corporates, List<CandidateView> candidates)
    {
        var result = new double[corporates.Count, candidates.Count];
        var features = new float[PairFeatures.Length];
        var prepared = candidates.Select(c => new PreparedCandidate(c, context)).ToList();
        for (var d = 0; d < corporates.Count; d++)
        {
            var corporate = new PreparedCorporate(corporates[d], context);
            for (var s = 0; s < candidates.Count; s++)
            {
                PairFeatures.Compute(corporate, prepared[s], features);
                result[d, s] = features[PairFeatures.TasteLogLift];
            }
        }
        return result;
    }

    private static double MeanRecall(IEnumerable<(List<int> Open, HashSet<int> Positives, Func<int, double> Score)> lists, int seed)
    {
        var recalls = new List<double>();
        foreach (var (open, positives, score) in lists)
        {
            if (positives.Count == 0) continue;
            var ranked = RankingMetrics.Rank("x", [.. open.Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), score(i), positives.Contains(i) ? 1 : 0))], seed);
            recalls.Add(RankingMetrics.Recall([.. ranked.Select(r => r.Label)]));
        }
        return recalls.Count == 0 ? 0 : recalls.Average();
    }

    private static List<int> Draw(Random random, List<int> open, Func<int, double> weight, int count)
    {
        var chosen = new List<int>();
        var pool = open.ToList();
        for (var k = 0; k < count && pool.Count > 0; k++)
        {
            var weights = pool.Select(weight).ToArray();
            var i = Sampling.Pick(random, weights);
            chosen.Add(pool[i]);
            pool.RemoveAt(i);
        }
        return chosen;
    }

}
