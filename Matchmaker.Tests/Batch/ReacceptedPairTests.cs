using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Tests.Batch;

/// <summary>A pair whose meeting was cancelled, refilled by a standby startup, and then agreed again.</summary>
public sealed class ReacceptedPairTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_pair_agreed_again_after_its_table_was_refilled_is_placed_afresh_and_the_refill_stays(int seed)
    {
        var shape = new PlannerEvents.Shape("reaccepted", Startups: 40, Delegates: 10, Days: 2, SlotsPerDay: 8, Tables: 10,
            StartupCap: 4, DelegateCap: 10, PerDayCap: 6, Unavailable: 0, FirstAccepted: 8, LaterAccepted: 0, ConfirmShare: 0, SlotLosses: 0);
        var first = PlannerEvents.FirstNight(shape, seed);
        var published = PlannerEvents.Plan(first);

        // An accepted meeting is cancelled and a standby startup, free then, takes its table.
        var cancelled = published.Meetings.First(m => m.Origin == MeetingOrigin.Accepted);
        var standby = first.Startups.Select(s => s.Id).First(s => s != cancelled.StartupId
            && published.Meetings.All(m => m.StartupId != s || (m.Slot != cancelled.Slot && m.DelegateId != cancelled.DelegateId)));
        var refill = new PublishedMeeting(MeetingRequest.IdOf(standby, cancelled.DelegateId), standby, cancelled.DelegateId,
            cancelled.Slot, cancelled.Table, MeetingOrigin.Refill, 0);
        MeetingRequest Accepted(string startup, int revision) => new(MeetingRequest.IdOf(startup, cancelled.DelegateId), startup,
            cancelled.DelegateId, RequestSide.Startup, RequestStatus.Accepted, null, null, false, PlannerEvents.Now, PlannerEvents.Now, revision);
        // The cancelled pair's record is accepted once more: the startup asked again and the scout said yes.
        var requests = first.Requests.Where(r => r.Id != cancelled.Id).Append(Accepted(cancelled.StartupId, 3)).Append(Accepted(standby, 1)).ToList();

        var next = PlannerEvents.Plan(first with { Requests = requests, Published = published, Refills = [refill] });

        Assert.Contains(next.Meetings, m => m.Id == refill.Id && m.Slot == refill.Slot && m.Table == refill.Table);
        var again = Assert.Single(next.Meetings, m => m.Id == cancelled.Id);
        Assert.NotEqual(cancelled.Slot, again.Slot);
        Assert.Equal(next.Quality.MustMeets, next.Quality.MustMeetsPlaced);
    }
}
