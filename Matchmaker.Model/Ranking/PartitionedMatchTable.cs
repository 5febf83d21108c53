using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// A large event's matches held as <see cref="MatchPartition"/>s of consecutive delegates, scoring only candidate
/// pairs (<see cref="MatchCandidates"/>), all in one process: the batch's table and the reference the partition
/// grains are held to. A delegate's list is read from its partition; a startup's list spans partitions and is the
/// merge of each partition's best entries for it (exact: the order is total, so the best k of the whole list are
/// among the best k of each slice).
/// </summary>
public sealed class PartitionedMatchTable : IRankedMatches
{
    private readonly MatchPartition[] partitions;
    private readonly Dictionary<string, int> partitionOf;
    private readonly Dictionary<string, StartupProfile> startupProfiles;

    private PartitionedMatchTable(RankingModel model, MatchPartition[] partitions, IReadOnlyList<EventStartup> startups)
    {
        Model = model;
        this.partitions = partitions;
        partitionOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < partitions.Length; i++)
            foreach (var id in partitions[i].DelegateIds) partitionOf.TryAdd(id, i);
        startupProfiles = new Dictionary<string, StartupProfile>(StringComparer.Ordinal);
        foreach (var s in startups) startupProfiles.TryAdd(s.Id, s.Profile);
    }

    public RankingModel Model { get; }

    public int DelegateCount => partitionOf.Count;

    public int StartupCount => startupProfiles.Count;

    public int PartitionCount => partitions.Length;

    /// <summary>How many pairs were scored (every pair of a dense table; here the candidates).</summary>
    public long Pairs => partitions.Sum(p => (long)p.Pairs);

    /// <param name="candidatesPerParticipant">How many counterparts each participant chooses (see <see cref="MatchCandidates"/>); 0 = every pair.</param>
    /// <param name="partitionDelegates">Delegates per partition, in input order.</param>
    public static PartitionedMatchTable Build(RankingModel model, IReadOnlyList<EventDelegate> delegates, IReadOnlyList<EventStartup> startups,
        IReadOnlyList<EventSignal> signals, DateOnly asOf, int candidatesPerParticipant, int partitionDelegates)
    {
        var (corporates, candidateViews) = EventViews.All(delegates, startups, signals, asOf);
        var candidates = MatchCandidates.ForDelegates(delegates, startups, signals, candidatesPerParticipant);
        var signalOf = EventMatchTable.SignalsOf(signals);
        string[] startupIds = [.. startups.Select(s => s.Id)];
        CandidateView[] startupViews = [.. candidateViews];
        StartupProfile[] profiles = [.. startups.Select(s => s.Profile)];
        var size = Math.Max(1, partitionDelegates);
        var partitions = new MatchPartition[Math.Max(1, (delegates.Count + size - 1) / size)];
        for (var i = 0; i < partitions.Length; i++)
        {
            var from = i * size;
            var to = Math.Min(delegates.Count, from + size);
            partitions[i] = MatchPartition.Score(model,
                [.. delegates.Skip(from).Take(to - from).Select(d => d.Id)], [.. corporates.Skip(from).Take(to - from)],
                [.. delegates.Skip(from).Take(to - from).Select(d => d.Profile)],
                startupIds, startupViews, profiles, signalOf, candidates[from..to]);
        }
        var columns = MatchPartition.MergeColumns([.. partitions.Select(p => p.ColumnValues())], startupIds.Length);
        foreach (var partition in partitions) partition.Complete(columns);
        return new PartitionedMatchTable(model, partitions, startups);
    }

    public IReadOnlyList<EventMatch>? ForDelegate(string delegateId, int limit, MatchFilter? filter = null) =>
        partitionOf.TryGetValue(delegateId, out var i) ? partitions[i].ForDelegate(delegateId, limit, filter) : null;

    public IReadOnlyList<EventMatch>? ForStartup(string startupId, int limit, MatchFilter? filter = null) =>
        startupProfiles.ContainsKey(startupId)
            ? [.. MatchPartition.Merge(partitions.Select(p => p.ForStartup(startupId, limit, filter, withReasons: true))).Take(limit)]
            : null;

    public IEnumerable<EventMatch> RankedForDelegate(string delegateId) =>
        partitionOf.TryGetValue(delegateId, out var i) ? partitions[i].RankedForDelegate(delegateId) : [];

    public IEnumerable<EventMatch> RankedForStartup(string startupId) =>
        startupProfiles.ContainsKey(startupId)
            ? MatchPartition.Merge(partitions.Select(p => p.ForStartup(startupId, null, null, withReasons: false)))
            : [];

    public IEnumerable<EventMatch> AllPairs() =>
        partitions.SelectMany(p => p.DelegateIds.SelectMany(p.RankedForDelegate));

    public StartupProfile? StartupProfile(string startupId) => startupProfiles.GetValueOrDefault(startupId);

    public DelegateProfile? DelegateProfile(string delegateId) =>
        partitionOf.TryGetValue(delegateId, out var i) ? partitions[i].DelegateProfile(delegateId) : null;
}
