using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// An event's ranked matches as readers and the batch use them, whichever way they are held: one table of every
/// pair (<see cref="EventMatchTable"/>) or candidate pairs split by delegate range (<see cref="PartitionedMatchTable"/>).
/// </summary>
public interface IRankedMatches
{
    RankingModel Model { get; }

    int DelegateCount { get; }

    int StartupCount { get; }

    /// <summary>Ranked startups for a delegate, with reasons; null when the delegate is unknown.</summary>
    IReadOnlyList<EventMatch>? ForDelegate(string delegateId, int limit, MatchFilter? filter = null);

    /// <summary>Ranked delegates for a startup, with reasons; null when the startup is unknown.</summary>
    IReadOnlyList<EventMatch>? ForStartup(string startupId, int limit, MatchFilter? filter = null);

    /// <summary>A delegate's whole ranked list without reasons; empty for an unknown delegate.</summary>
    IEnumerable<EventMatch> RankedForDelegate(string delegateId);

    /// <summary>A startup's whole ranked list without reasons; empty for an unknown startup.</summary>
    IEnumerable<EventMatch> RankedForStartup(string startupId);

    /// <summary>Every scored pair once, without reasons, delegate by delegate in rank order.</summary>
    IEnumerable<EventMatch> AllPairs();

    StartupProfile? StartupProfile(string startupId);

    DelegateProfile? DelegateProfile(string delegateId);
}

/// <summary>
/// How an event's matches are held, by its size. Up to <see cref="DenseMaxPairs"/> pairs: one table of every pair, as
/// always (results do not depend on the other settings). Above: only the candidate pairs of
/// <see cref="MatchCandidates"/> are scored (up to <see cref="CandidatesPerParticipant"/> chosen by each participant,
/// plus every signalled pair), in partitions of <see cref="PartitionDelegates"/> delegates each.
/// </summary>
public sealed record MatchScale(long DenseMaxPairs = MatchScale.DefaultDenseMaxPairs, int CandidatesPerParticipant = MatchScale.DefaultCandidatesPerParticipant,
    int PartitionDelegates = MatchScale.DefaultPartitionDelegates)
{
    /// <summary>5,000 × 1,000: the largest size measured on one table (about 40 bytes a pair).</summary>
    public const long DefaultDenseMaxPairs = 5_000_000;

    public const int DefaultCandidatesPerParticipant = 200;

    public const int DefaultPartitionDelegates = 2_500;

    public bool Dense(int delegates, int startups) => (long)delegates * startups <= DenseMaxPairs;

    /// <summary>How many partitions hold an event of this many delegates (at least one).</summary>
    public int Partitions(int delegates) => Math.Max(1, (delegates + PartitionDelegates - 1) / Math.Max(1, PartitionDelegates));

    /// <summary>The ranked matches of an event of this size, built from nothing.</summary>
    public IRankedMatches Build(RankingModel model, IReadOnlyList<EventDelegate> delegates, IReadOnlyList<EventStartup> startups,
        IReadOnlyList<EventSignal> signals, DateOnly asOf) =>
        Dense(delegates.Count, startups.Count)
            ? EventMatchTable.Build(model, delegates, startups, signals, asOf)
            : PartitionedMatchTable.Build(model, delegates, startups, signals, asOf, CandidatesPerParticipant, PartitionDelegates);
}
