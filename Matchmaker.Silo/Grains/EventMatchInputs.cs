using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Batch;

namespace Matchmaker.Silo.Grains;

/// <summary>
/// What the event's match table is computed from, kept by the match grain between rebuilds so that a change
/// re-reads only the participants it names (a profile and the requests or feedback that participant holds)
/// instead of taking a snapshot of the whole event.
/// </summary>
public sealed class EventMatchInputs
{
    // Insertion order is kept (new participants go last), as the event's participant index orders a snapshot.
    private readonly List<string> startupOrder = [];
    private readonly List<string> delegateOrder = [];
    private readonly Dictionary<string, StartupDocument> startups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DelegateDocument> delegates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<MeetingRequest>> requestsOfStartup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<MeetingFeedback>> feedbackOfDelegate = new(StringComparer.Ordinal);

    public void Reset(EventSnapshot snapshot)
    {
        startupOrder.Clear();
        delegateOrder.Clear();
        startups.Clear();
        delegates.Clear();
        requestsOfStartup.Clear();
        feedbackOfDelegate.Clear();
        foreach (var s in snapshot.Startups) SetStartup(s.Id, s, []);
        foreach (var d in snapshot.Delegates) SetDelegate(d.Id, d, []);
        foreach (var group in snapshot.Requests.GroupBy(r => r.StartupId, StringComparer.Ordinal)) requestsOfStartup[group.Key] = [.. group];
        foreach (var group in snapshot.Feedback.GroupBy(f => f.DelegateId, StringComparer.Ordinal)) feedbackOfDelegate[group.Key] = [.. group];
    }

    /// <summary>Re-reads the participants the changes name; one that no longer exists is dropped.</summary>
    public async Task RefreshAsync(IGrainFactory grains, string eventId, MatchChanges changes)
    {
        foreach (var id in changes.StartupsToRead())
        {
            var grain = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, id));
            SetStartup(id, await grain.GetAsync(), await grain.GetRequestsAsync());
        }
        foreach (var id in changes.DelegatesToRead())
        {
            var grain = grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, id));
            SetDelegate(id, await grain.GetAsync(), await grain.GetFeedbackAsync());
        }
    }

    /// <summary>The inputs as the ranking takes them, copied: the table builds on another thread while changes arrive.</summary>
    public (IReadOnlyList<EventDelegate> Delegates, IReadOnlyList<EventStartup> Startups, IReadOnlyList<EventSignal> Signals) ForRanking()
    {
        var requests = startupOrder.SelectMany(id => requestsOfStartup.GetValueOrDefault(id) ?? []).ToList();
        var feedback = delegateOrder.SelectMany(id => feedbackOfDelegate.GetValueOrDefault(id) ?? []).ToList();
        return ([.. delegateOrder.Select(id => new EventDelegate(id, delegates[id].Profile))],
            [.. startupOrder.Select(id => new EventStartup(id, startups[id].Profile))],
            EventSignals.From(requests, feedback));
    }

    private void SetStartup(string id, StartupDocument? document, IReadOnlyList<MeetingRequest> requests)
    {
        if (document is null)
        {
            if (startups.Remove(id)) startupOrder.Remove(id);
            requestsOfStartup.Remove(id);
            return;
        }
        if (startups.TryAdd(id, document)) startupOrder.Add(id);
        else startups[id] = document;
        requestsOfStartup[id] = requests;
    }

    private void SetDelegate(string id, DelegateDocument? document, IReadOnlyList<MeetingFeedback> feedback)
    {
        if (document is null)
        {
            if (delegates.Remove(id)) delegateOrder.Remove(id);
            feedbackOfDelegate.Remove(id);
            return;
        }
        if (delegates.TryAdd(id, document)) delegateOrder.Add(id);
        else delegates[id] = document;
        feedbackOfDelegate[id] = feedback;
    }
}
