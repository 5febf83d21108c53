using System.Diagnostics;
using System.Globalization;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Benchmarks;

/// <summary>
/// The event match table in process, with the shipped default model on the batch benchmark's synthetic fair: a full
/// build, then incremental rebuilds after one startup's profile edit, one delegate's, and one new request. Scoring
/// only: the grain's re-read of the changed participants and the wording of reasons on read are not in these figures.
/// </summary>
public static class MatchTableBenchmark
{
    public static void Run(int startupCount, int delegateCount, int repeats)
    {
        var model = RankingModel.Load(Path.Combine(RepoRoot.Find(), "models", "default-ranking.zip"));
        var (delegates, startups, signals) = SyntheticFair.Generate(startupCount, delegateCount, seed: 1).TableInputs();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var random = new Random(3);

        EventMatchTable.Build(model, delegates.Take(20).ToList(), startups.Take(50).ToList(), [], today); // warm-up (JIT)
        var full = new List<double>();
        EventMatchTable table = null!;
        for (var i = 0; i < repeats; i++) full.Add(Time(() => table = EventMatchTable.Build(model, delegates, startups, signals, today)));

        string[] stages = ["seed", "series-a", "series-b", "growth"];
        var startupEdit = new List<double>();
        var delegateEdit = new List<double>();
        var request = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var s = random.Next(startups.Count);
            startups[s] = startups[s] with { Profile = startups[s].Profile with { Stage = stages[(Array.IndexOf(stages, startups[s].Profile.Stage) + 1) % stages.Length] } };
            startupEdit.Add(Time(() => table = table.Update(model, delegates, startups, signals, today, Changes(MatchChange.OfStartup(startups[s].Id)))));

            var d = random.Next(delegates.Count);
            delegates[d] = delegates[d] with { Profile = delegates[d].Profile with { Interests = [.. delegates[d].Profile.Interests.Skip(1), "health"] } };
            delegateEdit.Add(Time(() => table = table.Update(model, delegates, startups, signals, today, Changes(MatchChange.OfDelegate(delegates[d].Id)))));

            var pair = (delegates[random.Next(delegates.Count)].Id, startups[random.Next(startups.Count)].Id);
            signals.Add(new EventSignal(pair.Item1, pair.Item2, new PairSignals(StartupRequested: true)));
            request.Add(Time(() => table = table.Update(model, delegates, startups, signals, today, Changes(MatchChange.OfPair(pair.Item1, pair.Item2)))));
        }

        Console.WriteLine("| event | pairs | full build s | startup edit s | delegate edit s | new request s | repeats |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {startupCount} × {delegateCount} | {startupCount * delegateCount:N0} | {Figure(full)} | {Figure(startupEdit)} | {Figure(delegateEdit)} | {Figure(request)} | {repeats} |"));
    }

    private static MatchChanges Changes(MatchChange change)
    {
        var changes = new MatchChanges();
        changes.Add(change);
        return changes;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Median (min–max).</summary>
    private static string Figure(List<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Length / 2]:F3} ({sorted[0]:F3}–{sorted[^1]:F3})");
    }
}
