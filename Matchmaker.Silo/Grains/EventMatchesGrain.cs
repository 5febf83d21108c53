using System.Collections.Concurrent;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Batch;
using Matchmaker.Silo.Ranking;
using Orleans.Concurrency;

namespace Matchmaker.Silo.Grains;

/// <summary>
/// Keeps the event's match table in memory and serves every read from the newest table built. Writes only note
/// what they changed and return; one background rebuild at a time turns the noted changes into the next table
/// (rescoring only what they touch), and changes that arrive meanwhile are gathered for the one after. So a read
/// waits only for the event's first table, and a table is at most the running rebuild plus one behind the writes.
/// Kept through a quiet night: collected after the default idle time, the first cancellation of the morning would
/// wait seconds for a full rebuild before its slot is offered.
/// An event above <c>Matches:DenseMaxPairs</c> pairs is not held here: this grain keeps its inputs, chooses the
/// candidate pairs, and has <see cref="MatchPartitionGrain"/>s of <c>Matches:PartitionDelegates</c> delegates each score
/// and hold them, one generation at a time (see <see cref="Partitioned"/>); it routes a delegate's read to its
/// partition and merges a startup's list from every partition's best entries.
/// </summary>
[CollectionAgeLimit(Hours = 12)]
public sealed class EventMatchesGrain(RankingModels models, LocalMatchLists local, TimeProvider clock, IConfiguration configuration,
    ILogger<EventMatchesGrain> logger)
    : Grain, IEventMatchesGrain
{
    /// <summary>
    /// The table of one generation, and the lists already worded from it (reasons cost more than the lookup), each
    /// with how many ranked entries it was taken from.
    /// </summary>
    private abstract record Serving
    {
        public abstract bool KnowsDelegate(string delegateId);

        public abstract bool KnowsStartup(string startupId);
    }

    /// <summary>
    /// A large event's generation, completed in every partition: reads go to <see cref="Generation"/> there. Startup
    /// lists are merged from each partition's best entries, which is exact (placement, fused score and id order a list totally).
    /// </summary>
    private sealed record Partitioned(long Generation, int Partitions, Dictionary<string, int> PartitionOf, HashSet<string> Startups) : Serving
    {
        public override bool KnowsDelegate(string delegateId) => PartitionOf.ContainsKey(delegateId);

        public override bool KnowsStartup(string startupId) => Startups.Contains(startupId);
    }

    /// <summary>A table of every pair; its lists are read on this node's request threads too (see <see cref="LocalMatchLists"/>).</summary>
    private sealed record Ranked(EventMatchTable Table) : Serving, IServedMatchLists
    {
        public override bool KnowsDelegate(string delegateId) => Table.DelegateProfile(delegateId) is not null;

        public override bool KnowsStartup(string startupId) => Table.StartupProfile(startupId) is not null;

        /// <summary>Worded lists; two readers wording the same list at once both get a right one, and one is kept.</summary>
        public ConcurrentDictionary<(string Side, string Id, MatchQuery Query), (MatchList List, int Scanned)> Lists { get; } = [];

        public MatchList? ForDelegate(string delegateId, MatchQuery query) => Remembered(("d", delegateId, query), () =>
        {
            var list = Table.ForDelegate(delegateId, query.Limit, Filter(query), out var scanned);
            return (list?.Select(m => MatchViews.OfStartup(m.StartupId, Table.StartupProfile(m.StartupId)!, m)).ToList(), scanned);
        });

        public MatchList? ForStartup(string startupId, MatchQuery query) => Remembered(("s", startupId, query), () =>
        {
            var list = Table.ForStartup(startupId, query.Limit, Filter(query), out var scanned);
            return (list?.Select(m => MatchViews.OfDelegate(Table.DelegateProfile(m.DelegateId)!, m)).ToList(), scanned);
        });

        /// <summary>Unknown participants are not remembered.</summary>
        private MatchList? Remembered((string, string, MatchQuery) key, Func<(List<Match>? Items, int Scanned)> build)
        {
            if (Lists.TryGetValue(key, out var worded)) return worded.List;
            var (items, scanned) = build();
            if (items is null) return null;
            var list = new MatchList(items);
            Lists[key] = (list, scanned);
            return list;
        }

        /// <summary>
        /// The next generation keeps the worded lists whose entries it did not change: under a steady trickle of writes
        /// most lists survive each rebuild, so reads do not all pay for wording again.
        /// </summary>
        public Ranked Succeeded(EventMatchTable next)
        {
            var ranked = new Ranked(next);
            foreach (var (key, worded) in Lists)
                if (key.Side == "d" ? next.SameDelegateList(Table, key.Id, worded.Scanned) : next.SameStartupList(Table, key.Id, worded.Scanned))
                    ranked.Lists[key] = worded;
            return ranked;
        }
    }

    private readonly EventMatchInputs _inputs = new();
    private bool _deactivating;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        if (_published is { } published) local.Withdraw(this.GetPrimaryKeyString(), published);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }
    private BackgroundRebuilds<Serving>? _rebuilds;
    /// <summary>Generations of this activation start from its clock, so a partition that outlived an earlier activation never serves an old table as new.</summary>
    private long _generation = DateTime.UtcNow.Ticks;

    private BackgroundRebuilds<Serving> Rebuilds => _rebuilds ??= new(
        async () => Published(await FullTableAsync()),
        async (previous, changes) => Published(await UpdatedTableAsync(previous, changes)),
        e =>
        {
            // A rebuild cut short by the activation going away (a shutdown) has nothing to retry: the next activation reads everything.
            if (_deactivating) logger.LogDebug(e, "A match rebuild ended with its activation");
            else logger.LogWarning(e, "Rebuilding the match table of event {Event} failed; its changes are retried with the next", this.GetPrimaryKeyString());
        },
        GatherPause() is { } pause ? lastRebuild => Task.Delay(pause.For(lastRebuild)) : null);

    /// <summary>
    /// How long a rebuild waits for more writes before it starts: Matches:GatherMilliseconds (default 200) at least, and
    /// Matches:GatherPerRebuild (default 4) times the last rebuild, up to Matches:GatherMaxMilliseconds (default 2000).
    /// So rebuilding takes at most about a fifth of the time however large the event (reads that follow a rebuild word
    /// their lists afresh, so fewer rebuilds also mean cheaper reads), and a small event's lists follow within a moment.
    /// Real time on purpose, not the event clock: tests that move the event's clock must not stall the table.
    /// </summary>
    private GatherPause? GatherPause() =>
        configuration.GetValue("Matches:GatherMilliseconds", 200) is > 0 and var ms
            ? new GatherPause(TimeSpan.FromMilliseconds(ms), configuration.GetValue("Matches:GatherPerRebuild", 4.0),
                TimeSpan.FromMilliseconds(Math.Max(ms, configuration.GetValue("Matches:GatherMaxMilliseconds", 2000))))
            : null;

    public async Task<MatchList?> ForDelegateAsync(string delegateId, MatchQuery query) =>
        await DelegateListAsync(await ServingAsync(s => s.KnowsDelegate(delegateId), changes => changes.Delegates.Contains(delegateId)), delegateId, query);

    public async Task<MatchList?> ForStartupAsync(string startupId, MatchQuery query)
    {
        var serving = await ServingAsync(s => s.KnowsStartup(startupId), changes => changes.Startups.Contains(startupId));
        if (serving is Partitioned partitioned) return await PartitionedStartupListAsync(partitioned, startupId, query);
        return ((Ranked)serving).ForStartup(startupId, query);
    }

    public async Task<MatchList?> StandbyForDelegateAsync(string delegateId, MatchQuery query) =>
        await DelegateListAsync(await Rebuilds.ServingAsync(), delegateId, query);

    public Task NoteChangeAsync(MatchChange change)
    {
        Rebuilds.Note(change);
        return Task.CompletedTask;
    }

    public Task AwaitChangesAsync() => Rebuilds.AwaitNotedAsync();

    /// <summary>
    /// The newest table. For a participant the table does not know while a change naming them is not yet served (just
    /// registered or imported), it waits for that change: "not registered" would be wrong, not merely a moment old.
    /// </summary>
    private async Task<Serving> ServingAsync(Func<Serving, bool> knows, Func<MatchChanges, bool> names)
    {
        var serving = await Rebuilds.ServingAsync();
        if (knows(serving) || !Rebuilds.Unserved(c => c.Everything || names(c))) return serving;
        await Rebuilds.AwaitNotedAsync();
        return Rebuilds.Current!;
    }

    private async Task<MatchList?> DelegateListAsync(Serving serving, string delegateId, MatchQuery query)
    {
        if (serving is Ranked ranked) return ranked.ForDelegate(delegateId, query);
        var partitioned = (Partitioned)serving;
        if (!partitioned.PartitionOf.TryGetValue(delegateId, out var index)) return null;
        var answer = await Partition(index).ForDelegateAsync(partitioned.Generation, delegateId, query);
        if (answer.Held) return answer.Value;
        return await DelegateListAsync(await LostPartitionAsync(partitioned), delegateId, query);
    }

    private async Task<MatchList?> PartitionedStartupListAsync(Partitioned partitioned, string startupId, MatchQuery query)
    {
        if (!partitioned.KnowsStartup(startupId)) return null;
        var answers = await Task.WhenAll(Enumerable.Range(0, partitioned.Partitions)
            .Select(i => Partition(i).ForStartupAsync(partitioned.Generation, startupId, query)));
        if (answers.Any(a => !a.Held)) return await ForStartupAsync(startupId, query, await LostPartitionAsync(partitioned));
        return new MatchList([.. answers.SelectMany(a => a.Value!)
            .OrderBy(e => e.Tier).ThenByDescending(e => e.Fused).ThenBy(e => e.Match.Id, StringComparer.Ordinal)
            .Take(query.Limit).Select(e => e.Match)]);
    }

    private async Task<MatchList?> ForStartupAsync(string startupId, MatchQuery query, Serving serving) =>
        serving is Partitioned next ? await PartitionedStartupListAsync(next, startupId, query) : await ForStartupAsync(startupId, query);

    /// <summary>
    /// A partition no longer holds the generation (its activation was collected or its node died): the event is ranked
    /// again and the read waits for it, as the first read of an event does. A newer generation already served is used at once.
    /// </summary>
    private async Task<Serving> LostPartitionAsync(Partitioned lost)
    {
        if (Rebuilds.Current is Partitioned current && current.Generation != lost.Generation) return current;
        Rebuilds.Note(MatchChange.Everything);
        await Rebuilds.AwaitNotedAsync();
        return Rebuilds.Current!;
    }

    private IMatchPartitionGrain Partition(int index) =>
        GrainFactory.GetGrain<IMatchPartitionGrain>(GrainKeys.Participant(this.GetPrimaryKeyString(), index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static MatchFilter Filter(MatchQuery query) => new(query.Sector, query.Stage, query.Country);

    private Ranked? _published;

    /// <summary>A table of every pair is read on this node without a call to this grain as soon as it serves; a partitioned one is not.</summary>
    private Serving Published(Serving serving)
    {
        var eventId = this.GetPrimaryKeyString();
        if (serving is Ranked ranked) local.Serve(eventId, ranked);
        else if (_published is { } old) local.Withdraw(eventId, old);
        _published = serving as Ranked;
        return serving;
    }

    private async Task<Serving> FullTableAsync()
    {
        var eventId = this.GetPrimaryKeyString();
        _inputs.Reset(await EventSnapshot.TakeAsync(GrainFactory, eventId, CancellationToken.None));
        return await RankAsync(previous: null, changes: null);
    }

    private async Task<Serving> UpdatedTableAsync(Serving previous, MatchChanges changes)
    {
        if (changes.Everything) return await FullTableAsync();
        await _inputs.RefreshAsync(GrainFactory, this.GetPrimaryKeyString(), changes);
        return await RankAsync(previous, changes);
    }

    /// <summary>
    /// The next table from the inputs: the one table of every pair, updated from the previous one where there is one;
    /// above the dense size, a new generation of partitions (rebuilt whole: a startup's edit moves percentiles in every
    /// partition anyway).
    /// </summary>
    private async Task<Serving> RankAsync(Serving? previous, MatchChanges? changes)
    {
        var (model, _) = await models.ForEventAsync(this.GetPrimaryKeyString());
        var (delegates, startups, signals) = _inputs.ForRanking();
        var asOf = Today();
        var scale = MatchSettings.Scale(configuration);
        if (scale.Dense(delegates.Count, startups.Count))
            return previous is Ranked ranked && changes is not null
                ? ranked.Succeeded(await Task.Run(() => ranked.Table.Update(model, delegates, startups, signals, asOf, changes)))
                : new Ranked(await Task.Run(() => EventMatchTable.Build(model, delegates, startups, signals, asOf)));
        return await PartitionAsync(scale, delegates, startups, signals, asOf);
    }

    private async Task<Partitioned> PartitionAsync(MatchScale scale, IReadOnlyList<EventDelegate> delegates, IReadOnlyList<EventStartup> startups,
        IReadOnlyList<EventSignal> signals, DateOnly asOf)
    {
        var generation = ++_generation;
        var candidates = await Task.Run(() => MatchCandidates.ForDelegates(delegates, startups, signals, scale.CandidatesPerParticipant));
        string[] delegateIds = [.. delegates.Select(d => d.Id)];
        Model.Domain.DelegateProfile[] delegateProfiles = [.. delegates.Select(d => d.Profile)];
        string[] startupIds = [.. startups.Select(s => s.Id)];
        Model.Domain.StartupProfile[] startupProfiles = [.. startups.Select(s => s.Profile)];
        PartitionSignal[] partitionSignals = [.. signals.Select(s => new PartitionSignal(s.DelegateId, s.StartupId,
            s.Signals.StartupRequested, s.Signals.DelegateInvited, s.Signals.Accepted, s.Signals.Declined, s.Signals.Rating))];
        var count = scale.Partitions(delegates.Count);
        var size = (delegates.Count + count - 1) / count;
        var columns = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
        {
            int from = Math.Min(delegates.Count, i * size), to = Math.Min(delegates.Count, from + size);
            return Partition(i).ScoreAsync(new Immutable<PartitionBuild>(new PartitionBuild(generation, asOf, delegateIds, delegateProfiles,
                startupIds, startupProfiles, partitionSignals, from, to, candidates[from..to])));
        }));
        var merged = await Task.Run(() => MatchPartition.MergeColumns([.. columns.Select(c => c.Value)], startupIds.Length));
        var completed = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Partition(i).CompleteAsync(generation, new Immutable<float[][]>(merged))));
        if (completed.Any(done => !done)) throw new InvalidOperationException($"A match partition lost generation {generation} before it was completed.");

        var partitionOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < delegateIds.Length; d++) partitionOf.TryAdd(delegateIds[d], d / size);
        return new Partitioned(generation, count, partitionOf, startupIds.ToHashSet(StringComparer.Ordinal));
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
