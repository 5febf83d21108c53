using System.Collections.Concurrent;

namespace Matchmaker.Model.Grains;

/// <summary>The match lists of one table an event's match grain serves, readable from any thread.</summary>
public interface IServedMatchLists
{
    /// <summary>The delegate's list as shown; null when this table does not know the delegate (the grain then decides: it may wait for a change naming them).</summary>
    MatchList? ForDelegate(string delegateId, MatchQuery query);

    /// <summary>The startup's list as shown; null when this table does not know the startup.</summary>
    MatchList? ForStartup(string startupId, MatchQuery query);
}

/// <summary>
/// The tables the match grains active on this node serve, by event, so a read on this node takes its list without a
/// grain call. Why: every call to a grain runs on its activation's one thread, and after each rebuild the reads word their
/// lists afresh there, so all of an event's reads queued behind that wording; read here, they word on the request threads
/// side by side. A read on another node, or of a participant this table does not know, still calls the grain.
/// </summary>
public sealed class LocalMatchLists
{
    private readonly ConcurrentDictionary<string, IServedMatchLists> _served = new(StringComparer.Ordinal);

    /// <summary>What this node's match grain of the event serves now; null when none is active here.</summary>
    public IServedMatchLists? For(string eventId) => _served.GetValueOrDefault(eventId);

    public void Serve(string eventId, IServedMatchLists lists) => _served[eventId] = lists;

    /// <summary>Withdraws <paramref name="lists"/> unless something newer took its place.</summary>
    public void Withdraw(string eventId, IServedMatchLists lists) => _served.TryRemove(KeyValuePair.Create(eventId, lists));
}
