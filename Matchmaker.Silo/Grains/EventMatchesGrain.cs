using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Batch;
using Matchmaker.Silo.Ranking;

namespace Matchmaker.Silo.Grains;

/// <summary>
/// Keeps the event's match table in memory. Reads are read-only calls that interleave; one rebuild after a
/// change is shared by every read that waits for it. Kept through a quiet night: collected after the default idle
/// time, the first cancellation of the morning would wait seconds for a full rebuild before its slot is offered.
/// </summary>
[CollectionAgeLimit(Hours = 12)]
public sealed class EventMatchesGrain(RankingModels models, TimeProvider clock) : Grain, IEventMatchesGrain
{
    /// <summary>The table of one generation, and the lists already worded from it (reasons cost more than the lookup).</summary>
    private sealed record Ranked(EventMatchTable Table, Dictionary<string, StartupDocument> Startups, Dictionary<string, DelegateDocument> Delegates)
    {
        public Dictionary<(string Side, string Id, MatchQuery Query), MatchList?> Lists { get; } = [];
    }

    private Task<Ranked>? _ranked;
    private Ranked? _lastBuilt;
    private int _generation;

    public async Task<MatchList?> ForDelegateAsync(string delegateId, MatchQuery query)
    {
        var ranked = await RankedAsync();
        return Remembered(ranked, ("d", delegateId, query), () => ranked.Table.ForDelegate(delegateId, query.Limit, Filter(query))?
            .Select(m => StartupMatch(ranked.Startups[m.StartupId], m)).ToList());
    }

    public async Task<MatchList?> ForStartupAsync(string startupId, MatchQuery query)
    {
        var ranked = await RankedAsync();
        return Remembered(ranked, ("s", startupId, query), () => ranked.Table.ForStartup(startupId, query.Limit, Filter(query))?
            .Select(m => DelegateMatch(ranked.Delegates[m.DelegateId], m)).ToList());
    }

    public async Task<MatchList?> StandbyForDelegateAsync(string delegateId, MatchQuery query)
    {
        var rebuilding = RankedAsync();
        // The first table ever is waited for; after that, an older table answers while the new one builds.
        var ranked = rebuilding.IsCompletedSuccessfully || _lastBuilt is null ? await rebuilding : _lastBuilt;
        return Remembered(ranked, ("d", delegateId, query), () => ranked.Table.ForDelegate(delegateId, query.Limit, Filter(query))?
            .Select(m => StartupMatch(ranked.Startups[m.StartupId], m)).ToList());
    }

    public Task InvalidateAsync()
    {
        _generation++;
        _ranked = null;
        return Task.CompletedTask;
    }

    /// <summary>Calls interleave on the activation's one thread, so the dictionary needs no lock.</summary>
    private static MatchList? Remembered(Ranked ranked, (string, string, MatchQuery) key, Func<List<Match>?> build)
    {
        if (!ranked.Lists.TryGetValue(key, out var list))
            ranked.Lists[key] = list = build() is { } items ? new MatchList(items) : null;
        return list;
    }

    private static Match StartupMatch(StartupDocument s, EventMatch m) =>
        new(s.Id, s.Profile.Name, null, Math.Round(m.Score, 4), m.Reasons, s.Profile.Sectors, s.Profile.Stage, s.Profile.Country);

    private static Match DelegateMatch(DelegateDocument d, EventMatch m) =>
        new(d.Id, d.Profile.Name, d.Profile.Company, Math.Round(m.Score, 4), m.Reasons, d.Profile.Interests, null, d.Profile.CompanyCountry);

    private static MatchFilter Filter(MatchQuery query) => new(query.Sector, query.Stage, query.Country);

    private Task<Ranked> RankedAsync() => _ranked ??= BuildAsync(_generation);

    private async Task<Ranked> BuildAsync(int generation)
    {
        try
        {
            var eventId = this.GetPrimaryKeyString();
            var snapshot = await EventSnapshot.TakeAsync(GrainFactory, eventId, CancellationToken.None);
            var (model, _) = await models.ForEventAsync(eventId);
            var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var table = await Task.Run(() => snapshot.MatchTable(model, asOf));
            return _lastBuilt = new Ranked(table, snapshot.Startups.ToDictionary(s => s.Id), snapshot.Delegates.ToDictionary(d => d.Id));
        }
        catch
        {
            // A failed build is not kept: the next read tries again.
            if (generation == _generation) _ranked = null;
            throw;
        }
    }
}
