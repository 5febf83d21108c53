using Matchmaker.Model.Scheduling.Events;
using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Tests.Scheduling;

/// <summary>Small events: the event mode's meetings placed again by the exact B2B solver.</summary>
[Collection(ExactSolverRuns.Name)]
public class ExactPlacementTests
{
    private static readonly ExactPlacementOptions Exact = new(TimeLimitSeconds: 10);

    [Fact]
    public void A_small_event_keeps_its_meetings_and_days_with_no_more_breaks_and_a_proof_or_a_bound()
    {
        var problem = SyntheticEvent.Generate(100, 30, seed: 11, days: 2, slotsPerDay: 10);
        var eventMode = EventScheduler.Solve(problem, new EventSchedulerOptions(TimeLimitSeconds: 5));

        var (schedule, report) = ExactPlacement.Improve(problem, eventMode, Exact);

        var check = EventScheduleChecker.Check(problem, schedule.Meetings);
        Assert.True(check.IsFeasible, string.Join("; ", check.Violations.Take(5)));
        Assert.Equal(check.TotalBreaks, schedule.Stats.TotalBreaks);
        Assert.Equal(report.Breaks, schedule.Stats.TotalBreaks);
        Assert.Equal(eventMode.Stats.TotalBreaks, report.EventModeBreaks);
        Assert.True(report.Breaks <= report.EventModeBreaks);
        Assert.NotNull(report.Status);
        Assert.InRange(report.BreaksLowerBound!.Value, 0, report.Breaks);
        Assert.Equal(report.Status == SolveStatus.Optimal, report.BreaksLowerBound == report.Breaks);
        var day = problem.Slots.Select(s => s.Day).ToArray();
        Assert.Equal(eventMode.Meetings.Select(m => (m.Startup, m.Delegate, day[m.Slot])).Order(),
            schedule.Meetings.Select(m => (m.Startup, m.Delegate, day[m.Slot])).Order());
    }

    [Fact]
    public void Avoidable_breaks_are_removed_and_a_locked_meeting_keeps_its_slot_and_table()
    {
        // One scout meets three startups at slots 0, 2 and 4 of a five-slot day; the middle one is confirmed at table 3.
        var startups = new[] { "s1", "s2", "s3" }.Select(id => EventParticipant.Free(id)).ToArray();
        var problem = new EventSchedulingProblem(EventSchedulingProblem.Grid(1, 5), 3, startups, [EventParticipant.Free("d1")],
            [], [new MustMeetPair("s1", "d1"), new MustMeetPair("s3", "d1")], [new LockedMeeting("s2", "d1", 2, 3)], []);
        PlacedEventMeeting[] scattered =
        [
            new("s1", "d1", 0, 1, 1, true, false), new("s2", "d1", 2, 3, 1, true, true), new("s3", "d1", 4, 1, 1, true, false),
        ];
        var eventMode = new EventSchedule(scattered, [], new EventScheduleStats(3, 2, 2, 3, 3, 0, 2, 1, 1, 0, 0, 0));

        var (schedule, report) = ExactPlacement.Improve(problem, eventMode, Exact);

        Assert.Equal(SolveStatus.Optimal, report.Status);
        Assert.True(report.Improved);
        Assert.Equal((0, 2), (report.Breaks, report.EventModeBreaks));
        Assert.Equal(0, report.Gap);
        Assert.Contains(new PlacedEventMeeting("s2", "d1", 2, 3, 1, true, true), schedule.Meetings);
        var slots = schedule.Meetings.Select(m => m.Slot).Order().ToArray();
        Assert.Equal(2, slots[^1] - slots[0]); // three in a row around the locked one
        Assert.True(EventScheduleChecker.Check(problem, schedule.Meetings).IsFeasible);
    }

    [Fact]
    public void Locked_meetings_of_a_small_event_never_move()
    {
        var problem = SyntheticEvent.Generate(60, 20, seed: 5, days: 1, slotsPerDay: 12);
        var first = EventScheduler.Solve(problem, new EventSchedulerOptions(TimeLimitSeconds: 5));
        var locked = first.Meetings.Where((_, i) => i % 4 == 0).Select(m => new LockedMeeting(m.Startup, m.Delegate, m.Slot, m.Table)).ToList();
        var rerun = problem with { Locked = locked, Previous = first.Meetings.Select(m => new PreviousMeeting(m.Startup, m.Delegate, m.Slot)).ToList() };
        var eventMode = EventScheduler.Solve(rerun, new EventSchedulerOptions(TimeLimitSeconds: 5));

        var (schedule, report) = ExactPlacement.Improve(rerun, eventMode, Exact);

        Assert.All(locked, l => Assert.Contains(schedule.Meetings, m => (m.Startup, m.Delegate, m.Slot, m.Table) == (l.Startup, l.Delegate, l.Slot, l.Table)));
        Assert.True(EventScheduleChecker.Check(rerun, schedule.Meetings).IsFeasible);
        Assert.True(report.Breaks <= report.EventModeBreaks);
    }

    [Fact]
    public void An_event_above_the_threshold_keeps_the_event_mode_placement()
    {
        var problem = SyntheticEvent.Generate(140, 20, seed: 3, days: 1, slotsPerDay: 8);
        var eventMode = EventScheduler.Solve(problem, new EventSchedulerOptions(TimeLimitSeconds: 2));

        var (schedule, report) = ExactPlacement.Improve(problem, eventMode, Exact);

        Assert.Null(report.Status);
        Assert.Null(report.Gap);
        Assert.Same(eventMode, schedule);
    }
}
