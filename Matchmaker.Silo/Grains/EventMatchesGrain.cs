using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Batch;
using Matchmaker.Silo.Ranking;

namespace Matchmaker.Silo.Grains;

/// <summary>
/// Keeps the event's match table in memory and serves every read from the newest table built. Writes only note
/// what they changed and return; one background rebuild at a time turns the noted changes into the next table
/// (rescoring only what they touch), and changes that arrive meanwhile are gathered for the one after. So a read
/// waits only for the event's first table, and a table is at most the running rebuild plus one behind the writes.
/// Kept through a quiet night: collected after the default idle time, the first cancellation of the morning would
/// wait seconds for a full rebuild before its slot is offered.
/// </summary>
[CollectionAgeLimit(Hours = 12)]
public sealed class EventMatchesGrain(RankingModels models, TimeProvider clock, IConfiguration configuration, ILogger<EventMatchesGrain> logger)
    : Grain, IEventMatchesGrain
{
    /// <summary>
    /// The table of one generation, and the lists already worded from it (reasons cost more than the lookup), each
    /// with how many ranked entries it was taken from.
    /// </summary>
    private sealed record Ranked(EventMatchTable Table)
    {
        public Dictionary<(string Side, string Id, MatchQuery Query), (MatchList List, int Scanned)> Lists { get; } = [];

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
        return base.OnDeactivateAsync(reason, cancellationToken);
    }
    private BackgroundRebuilds<Ranked>? _rebuilds;

    private BackgroundRebuilds<Ranked> Rebuilds => _rebuilds ??= new(
        async () => new Ranked(await FullTableAsync()),
        async (previous, changes) => previous.Succeeded(await UpdatedTableAsync(previous.Table, changes)),
        e =>
        {
            // A rebuild cut short by the activation going away (a shutdown) has nothing to retry: the next activation reads everything.
            if (_deactivating) logger.LogDebug(e, "A match rebuild ended with its activation");
            else logger.LogWarning(e, "Rebuilding the match table of event {Event} failed; its changes are retried with the next", this.GetPrimaryKeyString());
        },
        GatherPause() is { } pause ? () => Task.Delay(pause) : null);

    /// <summary>
    /// Matches:GatherMilliseconds (default 200): how long a rebuild waits for more writes before it starts. Real time on
    /// purpose, not the event clock: tests that move the event's clock must not stall the table.
    /// </summary>
    private TimeSpan? GatherPause() =>
        configuration.GetValue("Matches:GatherMilliseconds", 200) is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : null;

    public async Task<MatchList?> ForDelegateAsync(string delegateId, MatchQuery query)
    {
        var ranked = await ServingAsync(table => table.DelegateProfile(delegateId) is not null, changes => changes.Delegates.Contains(delegateId));
        return DelegateList(ranked, delegateId, query);
    }

    public async Task<MatchList?> ForStartupAsync(string startupId, MatchQuery query)
    {
        var ranked = await ServingAsync(table => table.StartupProfile(startupId) is not null, changes => changes.Startups.Contains(startupId));
        return Remembered(ranked, ("s", startupId, query), () =>
        {
            var list = ranked.Table.ForStartup(startupId, query.Limit, Filter(query), out var scanned);
            return (list?.Select(m => DelegateMatch(ranked.Table.DelegateProfile(m.DelegateId)!, m)).ToList(), scanned);
        });
    }

    public async Task<MatchList?> StandbyForDelegateAsync(string delegateId, MatchQuery query) =>
        DelegateList(await Rebuilds.ServingAsync(), delegateId, query);

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
    private async Task<Ranked> ServingAsync(Func<EventMatchTable, bool> knows, Func<MatchChanges, bool> names)
    {
        var ranked = await Rebuilds.ServingAsync();
        if (knows(ranked.Table) || !Rebuilds.Unserved(c => c.Everything || names(c))) return ranked;
        await Rebuilds.AwaitNotedAsync();
        return Rebuilds.Current!;
    }

    private MatchList? DelegateList(Ranked ranked, string delegateId, MatchQuery query) =>
        Remembered(ranked, ("d", delegateId, query), () =>
        {
            var list = ranked.Table.ForDelegate(delegateId, query.Limit, Filter(query), out var scanned);
            return (list?.Select(m => StartupMatch(m.StartupId, ranked.Table.StartupProfile(m.StartupId)!, m)).ToList(), scanned);
        });

    /// <summary>Calls interleave on the activation's one thread, so the dictionary needs no lock. Unknown participants are not remembered.</summary>
    private static MatchList? Remembered(Ranked ranked, (string, string, MatchQuery) key, Func<(List<Match>? Items, int Scanned)> build)
    {
        if (ranked.Lists.TryGetValue(key, out var worded)) return worded.List;
        var (items, scanned) = build();
        if (items is null) return null;
        var list = new MatchList(items);
        ranked.Lists[key] = (list, scanned);
        return list;
    }

    private static Match StartupMatch(string id, Model.Domain.StartupProfile s, EventMatch m) =>
        new(id, s.Name, null, Math.Round(m.Score, 4), m.Reasons, s.Sectors, s.Stage, s.Country);

    private static Match DelegateMatch(Model.Domain.DelegateProfile d, EventMatch m) =>
        new(m.DelegateId, d.Name, d.Company, Math.Round(m.Score, 4), m.Reasons, d.Interests, null, d.CompanyCountry);

    private static MatchFilter Filter(MatchQuery query) => new(query.Sector, query.Stage, query.Country);

    private async Task<EventMatchTable> FullTableAsync()
    {
        var eventId = this.GetPrimaryKeyString();
        _inputs.Reset(await EventSnapshot.TakeAsync(GrainFactory, eventId, CancellationToken.None));
        var (model, _) = await models.ForEventAsync(eventId);
        var (delegates, startups, signals) = _inputs.ForRanking();
        var asOf = Today();
        return await Task.Run(() => EventMatchTable.Build(model, delegates, startups, signals, asOf));
    }

    private async Task<EventMatchTable> UpdatedTableAsync(EventMatchTable previous, MatchChanges changes)
    {
        if (changes.Everything) return await FullTableAsync();
        var eventId = this.GetPrimaryKeyString();
        await _inputs.RefreshAsync(GrainFactory, eventId, changes);
        var (model, _) = await models.ForEventAsync(eventId);
        var (delegates, startups, signals) = _inputs.ForRanking();
        var asOf = Today();
        return await Task.Run(() => previous.Update(model, delegates, startups, signals, asOf, changes));
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
