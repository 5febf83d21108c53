using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Ranking;
using Orleans.Concurrency;

namespace Matchmaker.Silo.Grains;

/// <summary>
/// Holds one delegate range of a large event's match table (a <see cref="MatchPartition"/>) per generation: the one
/// being built and the newest one or two completed, so reads routed to the previous generation while the next is
/// completed still find it. Memory only: an activation that is collected or dies loses its tables, and its answer
/// "not held" makes the event's match grain build a new generation. Kept through a quiet night, as that grain is.
/// </summary>
[CollectionAgeLimit(Hours = 12)]
public sealed class MatchPartitionGrain(RankingModels models) : Grain, IMatchPartitionGrain
{
    private readonly SortedDictionary<long, MatchPartition> _completed = [];
    private (long Generation, MatchPartition Partition)? _scored;

    public async Task<Immutable<float[][]>> ScoreAsync(Immutable<PartitionBuild> build)
    {
        var b = build.Value;
        var (eventId, _) = GrainKeys.SplitParticipant(this.GetPrimaryKeyString());
        var (model, _) = await models.ForEventAsync(eventId);
        var partition = await Task.Run(() => Build(model, b));
        _scored = (b.Generation, partition);
        return new Immutable<float[][]>(await Task.Run(partition.ColumnValues));
    }

    public async Task<bool> CompleteAsync(long generation, Immutable<float[][]> sortedColumns)
    {
        if (_scored is not { } scored || scored.Generation != generation) return false;
        await Task.Run(() => scored.Partition.Complete(sortedColumns.Value));
        _scored = null;
        _completed[generation] = scored.Partition;
        while (_completed.Count > 2) _completed.Remove(_completed.Keys.First());
        return true;
    }

    public Task<PartitionAnswer<MatchList>> ForDelegateAsync(long generation, string delegateId, MatchQuery query)
    {
        if (!_completed.TryGetValue(generation, out var partition)) return Task.FromResult(new PartitionAnswer<MatchList>(false, null));
        var list = partition.ForDelegate(delegateId, query.Limit, Filter(query));
        return Task.FromResult(new PartitionAnswer<MatchList>(true, list is null ? null
            : new MatchList([.. list.Select(m => MatchViews.OfStartup(m.StartupId, partition.StartupProfile(m.StartupId)!, m))])));
    }

    public Task<PartitionAnswer<IReadOnlyList<PartitionEntry>>> ForStartupAsync(long generation, string startupId, MatchQuery query)
    {
        if (!_completed.TryGetValue(generation, out var partition)) return Task.FromResult(new PartitionAnswer<IReadOnlyList<PartitionEntry>>(false, null));
        IReadOnlyList<PartitionEntry> entries = [.. partition.ForStartup(startupId, query.Limit, Filter(query), withReasons: true)
            .Select(e => new PartitionEntry(MatchViews.OfDelegate(partition.DelegateProfile(e.Match.DelegateId)!, e.Match), e.Tier, e.Match.Score))];
        return Task.FromResult(new PartitionAnswer<IReadOnlyList<PartitionEntry>>(true, entries));
    }

    private static MatchFilter Filter(MatchQuery query) => new(query.Sector, query.Stage, query.Country);

    /// <summary>The views as the one table would make them (each party's event history from the whole event), then the range scored.</summary>
    private static MatchPartition Build(RankingModel model, PartitionBuild b)
    {
        List<EventDelegate> delegates = [.. b.DelegateIds.Select((id, i) => new EventDelegate(id, b.DelegateProfiles[i]))];
        List<EventStartup> startups = [.. b.StartupIds.Select((id, i) => new EventStartup(id, b.StartupProfiles[i]))];
        List<EventSignal> signals = [.. b.Signals.Select(s => new EventSignal(s.DelegateId, s.StartupId,
            new PairSignals(s.StartupRequested, s.DelegateInvited, s.Accepted, s.Declined, s.Rating)))];
        var range = delegates.Skip(b.From).Take(b.To - b.From).ToList();
        var startupProfiles = startups.ToDictionary(s => s.Id, s => s.Profile, StringComparer.Ordinal);
        var delegateProfiles = delegates.ToDictionary(d => d.Id, d => d.Profile, StringComparer.Ordinal);
        var byDelegate = signals.ToLookup(s => s.DelegateId, StringComparer.Ordinal);
        var byStartup = signals.ToLookup(s => s.StartupId, StringComparer.Ordinal);
        return MatchPartition.Score(model, [.. range.Select(d => d.Id)],
            [.. range.Select(d => EventViews.Corporate(d, startupProfiles, byDelegate[d.Id], b.AsOf))], [.. range.Select(d => d.Profile)],
            [.. startups.Select(s => s.Id)], [.. startups.Select(s => EventViews.Candidate(s, delegateProfiles, byStartup[s.Id]))],
            [.. startups.Select(s => s.Profile)], EventMatchTable.SignalsOf(signals), [.. b.Candidates]);
    }
}
