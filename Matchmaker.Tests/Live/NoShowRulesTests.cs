using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Live;

namespace Matchmaker.Tests.Live;

/// <summary>The no-show rules without a cluster: who reports whom, when, and when the rest of the slot is offered.</summary>
public sealed class NoShowRulesTests
{
    private static readonly Actor Startup = Actor.ParticipantOf("e", ParticipantKind.Startup, "s");
    private static readonly Actor Scout = Actor.ParticipantOf("e", ParticipantKind.Delegate, "d");
    private static readonly DateTimeOffset SlotStart = new(2027, 5, 11, 1, 0, 0, TimeSpan.Zero);

    private static NoShow Report(RequestSide absent, int minutesIn) =>
        new("s.d", absent, absent == RequestSide.Startup ? "s" : "d", 3, SlotStart.AddMinutes(minutesIn), "reporter");

    [Fact]
    public void A_party_reports_the_other_side_and_the_organiser_names_one()
    {
        Assert.Equal(RequestSide.Delegate, NoShowRules.AbsentSide(Startup, "e", "s", "d", null));
        Assert.Equal(RequestSide.Startup, NoShowRules.AbsentSide(Scout, "e", "s", "d", null));
        Assert.Equal(RequestSide.Startup, NoShowRules.AbsentSide(Scout, "e", "s", "d", RequestSide.Startup));
        Assert.Null(NoShowRules.AbsentSide(Scout, "e", "s", "d", RequestSide.Delegate));
        Assert.Equal(RequestSide.Delegate, NoShowRules.AbsentSide(Actor.OrganiserOf("e"), "e", "s", "d", RequestSide.Delegate));
        Assert.Null(NoShowRules.AbsentSide(Actor.OrganiserOf("e"), "e", "s", "d", null));
    }

    [Fact]
    public void Nobody_else_reports_a_no_show()
    {
        Assert.Null(NoShowRules.AbsentSide(Actor.ParticipantOf("e", ParticipantKind.Startup, "rival"), "e", "s", "d", null));
        Assert.Null(NoShowRules.AbsentSide(Actor.ParticipantOf("e", ParticipantKind.Delegate, "other"), "e", "s", "d", RequestSide.Startup));
        Assert.Null(NoShowRules.AbsentSide(Actor.OrganiserOf("other-event"), "e", "s", "d", RequestSide.Startup));
        Assert.Null(NoShowRules.AbsentSide(Actor.ParticipantOf("other-event", ParticipantKind.Startup, "s"), "e", "s", "d", null));
    }

    [Fact]
    public void A_no_show_is_reported_only_after_the_grace_period()
    {
        var early = NoShowRules.Mark(Report(RequestSide.Startup, 4), SlotStart, null, []);
        var onTime = NoShowRules.Mark(Report(RequestSide.Startup, 5), SlotStart, null, []);

        Assert.Null(early.Recorded);
        Assert.Contains("5 minutes", early.Refusal!.English);
        Assert.NotNull(onTime.Recorded);
        Assert.Equal(TimeSpan.FromMinutes(5), NoShowRules.Grace);
    }

    [Fact]
    public void A_side_that_checked_in_is_not_a_no_show_but_the_other_can_be()
    {
        CheckIn[] arrived = [new("s.d", RequestSide.Startup, SlotStart), new("other.d", RequestSide.Delegate, SlotStart)];

        var startupAbsent = NoShowRules.Mark(Report(RequestSide.Startup, 6), SlotStart, null, arrived);
        var scoutAbsent = NoShowRules.Mark(Report(RequestSide.Delegate, 6), SlotStart, null, arrived);

        Assert.Null(startupAbsent.Recorded);
        Assert.Contains("checked in", startupAbsent.Refusal!.English);
        Assert.Equal(RequestSide.Delegate, scoutAbsent.Recorded!.Absent);
    }

    [Fact]
    public void The_first_report_stands_and_repeating_it_changes_nothing()
    {
        var first = Report(RequestSide.Startup, 6);

        var again = NoShowRules.Mark(Report(RequestSide.Startup, 9), SlotStart, first, []);
        var otherSide = NoShowRules.Mark(Report(RequestSide.Delegate, 9), SlotStart, first, []);

        Assert.Same(first, again.Recorded);
        Assert.Null(otherSide.Recorded);
        Assert.Contains("already reported", otherSide.Refusal!.English);
    }

    [Fact]
    public void The_rest_of_the_slot_is_offered_only_when_the_scout_waits_and_ten_minutes_are_left()
    {
        var slotEnd = SlotStart.AddMinutes(20);

        Assert.Equal(SlotStart.AddMinutes(10), NoShowRules.RefillOpenUntil(RequestSide.Startup, slotEnd, SlotStart.AddMinutes(5)));
        Assert.Null(NoShowRules.RefillOpenUntil(RequestSide.Startup, slotEnd, SlotStart.AddMinutes(10)));
        Assert.Null(NoShowRules.RefillOpenUntil(RequestSide.Delegate, slotEnd, SlotStart.AddMinutes(5)));
    }

    [Fact]
    public void The_rate_counts_no_shows_among_started_meetings()
    {
        Assert.Null(NoShowRules.Rate(0, 0));
        Assert.Equal(0.25, NoShowRules.Rate(1, 4));
    }
}
