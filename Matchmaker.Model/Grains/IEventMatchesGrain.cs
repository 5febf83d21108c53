namespace Matchmaker.Model.Grains;

/// <summary>One entry of a ranked list: the other party, the reciprocal score, and why.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.match")]
public sealed record Match(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Company,
    [property: Id(3)] double Score,
    [property: Id(4)] IReadOnlyList<string> Reasons,
    [property: Id(5)] IReadOnlyList<string> Sectors,
    [property: Id(6)] string? Stage,
    [property: Id(7)] string? Country);

/// <summary>A ranked list; immutable, so Orleans passes it without copying.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.match-list")]
public sealed record MatchList([property: Id(0)] IReadOnlyList<Match> Items);

/// <summary>Filters on the other party; null means any.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.match-filter")]
public sealed record MatchQuery(
    [property: Id(0)] int Limit,
    [property: Id(1)] string? Sector,
    [property: Id(2)] string? Stage,
    [property: Id(3)] string? Country);

/// <summary>
/// The event's ranked matches in both directions, kept in memory and rebuilt in the background after writes:
/// reads answer from the newest table built (a table is at most one rebuild behind the writes), writes return at
/// once. Key: event id.
/// </summary>
public interface IEventMatchesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Startups ranked for a delegate, or null when the delegate is not registered. Waits only for the event's
    /// first table, or for a delegate the table does not know yet while its registration is being ranked.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<MatchList?> ForDelegateAsync(string delegateId, MatchQuery query);

    /// <summary>Delegates ranked for a startup, or null when the startup is not registered; waits as <see cref="ForDelegateAsync"/> does.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<MatchList?> ForStartupAsync(string startupId, MatchQuery query);

    /// <summary>
    /// Startups ranked for a delegate from the newest table built, never waiting for a rebuild: for offering a freed
    /// slot at once, where the caller checks every candidate against live state anyway.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<MatchList?> StandbyForDelegateAsync(string delegateId, MatchQuery query);

    /// <summary>Records what a write changed; the next background rebuild rescores what it touches. Returns at once.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task NoteChangeAsync(MatchChange change);

    /// <summary>
    /// Completes when a table including every change noted before this call is being served. For tests and tools that
    /// must read their own writes exactly; participants' reads never wait for it.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task AwaitChangesAsync();
}
