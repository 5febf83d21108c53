using System.Collections.Concurrent;

namespace Matchmaker.Model.Access;

/// <summary>
/// Credentials this node has checked in the last seconds, so a request whose token came back within that time (a scout's
/// phone sends it with every request) costs no call to the event's grain. When the event's grain removes credentials
/// on this node, every entry of that event is forgotten at once, including any check that was under way; a removal
/// made by a grain on another node is seen here when the entry expires, at most <see cref="Lifetime"/> later.
/// </summary>
/// <remarks>
/// Only credentials that were valid are kept: a wrong one is checked every time (and counted by the failure limiter).
/// Real time on purpose, not the event clock: tests that move the event's clock must not keep a revoked token alive.
/// </remarks>
public sealed class RecentCredentials(TimeSpan lifetime, int capacity = 100_000)
{
    private sealed record Entry(Actor Actor, string EventId, long Epoch, long ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    /// <summary>Per event, how many times its credentials were removed on this node: an entry from an older epoch is stale.</summary>
    private readonly ConcurrentDictionary<string, long> epochs = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => lifetime;

    public bool TryGet(string credential, string eventId, out Actor actor)
    {
        actor = null!;
        if (!entries.TryGetValue(credential, out var entry)) return false;
        if (entry.ExpiresAt <= Environment.TickCount64 || entry.Epoch != EpochOf(eventId) || entry.EventId != eventId)
        {
            entries.TryRemove(KeyValuePair.Create(credential, entry));
            return false;
        }
        actor = entry.Actor;
        return true;
    }

    /// <summary>The epoch to pass to <see cref="Keep"/>, read before the check it keeps the result of.</summary>
    public long EpochOf(string eventId) => epochs.GetValueOrDefault(eventId);

    /// <summary>Keeps a valid credential's holder, unless the event's credentials were removed since <paramref name="epochBefore"/>.</summary>
    public void Keep(string credential, string eventId, Actor actor, long epochBefore)
    {
        if (lifetime <= TimeSpan.Zero || epochBefore != EpochOf(eventId)) return;
        // A full table is emptied rather than searched for the oldest: entries are seconds old and cost one grain call to renew.
        if (entries.Count >= capacity) entries.Clear();
        entries[credential] = new Entry(actor, eventId, epochBefore, Environment.TickCount64 + (long)lifetime.TotalMilliseconds);
    }

    /// <summary>Called by the event's grain whenever it removes or replaces credentials, before it stores the change.</summary>
    public void Forget(string eventId) => epochs.AddOrUpdate(eventId, 1, (_, epoch) => epoch + 1);
}
