using Matchmaker.Model.Domain;
using Orleans.Concurrency;

namespace Matchmaker.Model.Grains;

/// <summary>A pair's signals as a partition takes them (see <see cref="Ranking.PairSignals"/>).</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.partition-signal")]
public sealed record PartitionSignal(
    [property: Id(0)] string DelegateId,
    [property: Id(1)] string StartupId,
    [property: Id(2)] bool StartupRequested,
    [property: Id(3)] bool DelegateInvited,
    [property: Id(4)] bool Accepted,
    [property: Id(5)] bool Declined,
    [property: Id(6)] double? Rating);

/// <summary>
/// What a partition builds one generation from: the whole event's profiles and signals (a pair's features read both
/// parties' event histories), the delegate range it holds and each of those delegates' candidate startups.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.partition-build")]
public sealed record PartitionBuild(
    [property: Id(0)] long Generation,
    [property: Id(1)] DateOnly AsOf,
    [property: Id(2)] IReadOnlyList<string> DelegateIds,
    [property: Id(3)] IReadOnlyList<DelegateProfile> DelegateProfiles,
    [property: Id(4)] IReadOnlyList<string> StartupIds,
    [property: Id(5)] IReadOnlyList<StartupProfile> StartupProfiles,
    [property: Id(6)] IReadOnlyList<PartitionSignal> Signals,
    [property: Id(7)] int From,
    [property: Id(8)] int To,
    [property: Id(9)] IReadOnlyList<int[]> Candidates);

/// <summary>One entry of a startup's list in one partition: the match as shown, its placement and exact fused score, for merging.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.partition-entry")]
public sealed record PartitionEntry([property: Id(0)] Match Match, [property: Id(1)] int Tier, [property: Id(2)] double Fused);

/// <summary>A partition's answer: <see cref="Held"/> false when it no longer holds the generation asked for (it was deactivated).</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.partition-answer")]
public sealed record PartitionAnswer<T>([property: Id(0)] bool Held, [property: Id(1)] T? Value);

/// <summary>
/// One delegate range of a large event's match table (key: event id '.' partition index), built and served by
/// generation: the event's match grain asks every partition to score generation g, merges their columns, completes
/// them, and only then routes reads to g; the previous generation is kept meanwhile, so a read never waits for a build.
/// </summary>
public interface IMatchPartitionGrain : IGrainWithStringKey
{
    /// <summary>Scores the range's candidate pairs for a generation; returns the range's raw scores of each startup (by index).</summary>
    /// <remarks>Interleaves with reads (the work runs off the activation's turn), so reads of the served generation never wait for the next.</remarks>
    [AlwaysInterleave]
    Task<Immutable<float[][]>> ScoreAsync(Immutable<PartitionBuild> build);

    /// <summary>Completes a scored generation from the event's sorted columns; it is then served, and older ones but the previous dropped.</summary>
    [AlwaysInterleave]
    Task<bool> CompleteAsync(long generation, Immutable<float[][]> sortedColumns);

    /// <summary>Startups ranked for a delegate of the range, as shown.</summary>
    [ReadOnly]
    Task<PartitionAnswer<MatchList>> ForDelegateAsync(long generation, string delegateId, MatchQuery query);

    /// <summary>The range's best delegates for a startup, as shown, with what merging them needs.</summary>
    [ReadOnly]
    Task<PartitionAnswer<IReadOnlyList<PartitionEntry>>> ForStartupAsync(long generation, string startupId, MatchQuery query);
}
