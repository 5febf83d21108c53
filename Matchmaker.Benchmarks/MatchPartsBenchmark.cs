using System.Diagnostics;
using System.Globalization;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Benchmarks;

/// <summary>
/// A large event's match table in process, part by part, with the shipped default model on the synthetic fair:
/// views, candidate generation, each partition's scoring, the column merge and each partition's completion
/// (the steps of <see cref="PartitionedMatchTable.Build"/>), with seconds and the process's peak resident memory.
/// </summary>
public static class MatchPartsBenchmark
{
    public static void Run(int startupCount, int delegateCount, int perParticipant, int partitionDelegates)
    {
        var model = RankingModel.Load(Path.Combine(RepoRoot.Find(), "models", "default-ranking.zip"));
        var (delegates, startups, signals) = SyntheticFair.Generate(startupCount, delegateCount, seed: 1).TableInputs();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Console.WriteLine($"| step | seconds | pairs | peak resident MB | load |");
        Console.WriteLine("|---|---|---|---|---|");
        void Row(string step, double seconds, long pairs) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {step} | {seconds:F2} | {pairs:N0} | {Memory.PeakMegabytes()} | {Memory.LoadAverage()} |"));

        Memory.ResetPeak();
        var clock = Stopwatch.StartNew();
        var (corporates, candidateViews) = EventViews.All(delegates, startups, signals, today);
        Row("views", clock.Elapsed.TotalSeconds, 0);

        Memory.ResetPeak();
        clock.Restart();
        var candidates = MatchCandidates.ForDelegates(delegates, startups, signals, perParticipant);
        var total = candidates.Sum(c => (long)c.Length);
        Row($"candidates ({perParticipant} per participant; delegate lists {candidates.Min(c => c.Length)}–{candidates.Max(c => c.Length)})", clock.Elapsed.TotalSeconds, total);

        var signalOf = EventMatchTable.SignalsOf(signals);
        string[] startupIds = [.. startups.Select(s => s.Id)];
        CandidateView[] startupViews = [.. candidateViews];
        StartupProfile[] profiles = [.. startups.Select(s => s.Profile)];
        var partitions = new List<MatchPartition>();
        for (var from = 0; from < delegates.Count; from += partitionDelegates)
        {
            var to = Math.Min(delegates.Count, from + partitionDelegates);
            Memory.ResetPeak();
            clock.Restart();
            var partition = MatchPartition.Score(model, [.. delegates.Skip(from).Take(to - from).Select(d => d.Id)], [.. corporates.Skip(from).Take(to - from)],
                [.. delegates.Skip(from).Take(to - from).Select(d => d.Profile)], startupIds, startupViews, profiles, signalOf, candidates[from..to]);
            partitions.Add(partition);
            Row($"score partition {partitions.Count - 1} (delegates {from}–{to - 1})", clock.Elapsed.TotalSeconds, partition.Pairs);
        }

        Memory.ResetPeak();
        clock.Restart();
        var columns = MatchPartition.MergeColumns([.. partitions.Select(p => p.ColumnValues())], startupIds.Length);
        Row("merge columns", clock.Elapsed.TotalSeconds, total);
        for (var i = 0; i < partitions.Count; i++)
        {
            Memory.ResetPeak();
            clock.Restart();
            partitions[i].Complete(columns);
            Row($"complete partition {i}", clock.Elapsed.TotalSeconds, partitions[i].Pairs);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{startupCount} × {delegateCount}: {total:N0} candidate pairs of {(long)startupCount * delegateCount:N0} ({100.0 * total / ((long)startupCount * delegateCount):F1} %), {partitions.Count} partitions; managed heap now {GC.GetTotalMemory(false) / 1024 / 1024} MB"));
    }
}
