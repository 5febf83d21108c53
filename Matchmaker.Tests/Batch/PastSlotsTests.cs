using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Tests.Batch;

/// <summary>A rerun during the event puts nothing new into a slot that has already begun.</summary>
public sealed class PastSlotsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_rerun_in_the_middle_of_a_day_places_new_meetings_only_in_slots_still_ahead(int seed)
    {
        var shape = new PlannerEvents.Shape("midday", Startups: 40, Delegates: 10, Days: 2, SlotsPerDay: 8, Tables: 10,
            StartupCap: 4, DelegateCap: 10, PerDayCap: 6, Unavailable: 0.1, FirstAccepted: 4, LaterAccepted: 0, ConfirmShare: 0, SlotLosses: 0);
        var first = PlannerEvents.FirstNight(shape, seed);
        var published = PlannerEvents.Plan(first);

        var slots = EventSlots.From(first.Config);
        var now = EventSlots.StartsAt(first.Config, slots[5]).AddMinutes(1);
        var met = published.Meetings.Select(m => (m.StartupId, m.DelegateId)).ToHashSet();
        var late = first.Startups.SelectMany(s => first.Delegates.Select(d => (s.Id, d.Id))).Where(p => !met.Contains(p)).Take(12)
            .Select(p => new MeetingRequest(MeetingRequest.IdOf(p.Item1, p.Item2), p.Item1, p.Item2, RequestSide.Startup, RequestStatus.Accepted,
                null, null, false, now, now, 2))
            .ToList();
        var next = PlannerEvents.Plan(first with { Requests = [.. first.Requests, .. late], Published = published }, now: now);

        var before = published.Meetings.ToDictionary(m => m.Id);
        foreach (var meeting in next.Meetings)
        {
            var isNewThere = !before.TryGetValue(meeting.Id, out var old) || old.Slot != meeting.Slot;
            if (isNewThere) Assert.True(meeting.Slot > 5, $"{meeting.Id} was put into slot {meeting.Slot}, which began before {now:HH:mm}.");
        }
        // What was held in the past stays as it was.
        foreach (var old in published.Meetings.Where(m => m.Slot <= 5))
            Assert.Contains(next.Meetings, m => m.Id == old.Id && m.Slot == old.Slot && m.Table == old.Table);
    }
}
