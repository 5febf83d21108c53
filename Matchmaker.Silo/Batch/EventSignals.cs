using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Silo.Batch;

/// <summary>What happened between each delegate and startup, from requests and meeting feedback, as the ranking sees it.</summary>
public static class EventSignals
{
    public static IReadOnlyList<EventSignal> From(IReadOnlyList<MeetingRequest> requests, IReadOnlyList<MeetingFeedback> feedback)
    {
        var ratings = feedback.Where(f => f.Rating is not null || f.NoShow)
            .GroupBy(f => (f.DelegateId, f.StartupId))
            .ToDictionary(g => g.Key, g => g.Any(f => f.NoShow) ? 1.0 : g.Average(f => (double)f.Rating!.Value));
        var signals = requests
            .Where(r => r.Status != RequestStatus.Cancelled)
            .Select(r => new EventSignal(r.DelegateId, r.StartupId, new PairSignals(
                StartupRequested: r.From == RequestSide.Startup || r.Mutual,
                DelegateInvited: r.From == RequestSide.Delegate || r.Mutual,
                Accepted: r.Status == RequestStatus.Accepted,
                Declined: r.Status == RequestStatus.Declined,
                Rating: ratings.GetValueOrDefault((r.DelegateId, r.StartupId)) is var rating and > 0 ? rating : null)))
            .ToList();
        // Meetings the batch recommended carry no request but may carry feedback.
        var requested = signals.Select(s => (s.DelegateId, s.StartupId)).ToHashSet();
        signals.AddRange(ratings.Where(r => !requested.Contains(r.Key))
            .Select(r => new EventSignal(r.Key.DelegateId, r.Key.StartupId, new PairSignals(Accepted: true, Rating: r.Value))));
        return signals;
    }
}
