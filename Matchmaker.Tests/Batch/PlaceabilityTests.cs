using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Silo.Batch;

namespace Matchmaker.Tests.Batch;

/// <summary>
/// Every accepted request is placed whenever a placement exists: on seeded events, the second night's batch
/// places exactly as many accepted requests as the independent <see cref="PlaceabilityChecker"/> proves can be
/// placed together, never moves a confirmed meeting, and breaks no hard rule. These events are small enough for the
/// exact placement, whose CP-SAT runs would only starve other tests: they run with the exact solver's runs.
/// </summary>
[Collection(Scheduling.ExactSolverRuns.Name)]
public sealed class PlaceabilityTests(ITestOutputHelper output)
{
    public static readonly TheoryData<PlannerEvents.Shape, int> Events = new()
    {
        // Room enough: every request should fit.
        { new("roomy", 40, 10, 1, 8, 10, 4, 8, 8, 0.2, 5, 25, 0.3, 2), 1 },
        // Scouts already at their cap after the first night; most of the new requests compete for that room.
        { new("caps nearly full", 40, 8, 1, 8, 12, 3, 6, 6, 0.15, 4, 30, 0.4, 2), 2 },
        // Four tables for ten scouts: the first night fills every table, the second must make room.
        { new("tables scarce", 40, 10, 1, 8, 4, 3, 8, 8, 0.2, 6, 24, 0.3, 2), 3 },
        // Two days with a daily cap, many slots lost.
        { new("two days, daily caps", 60, 12, 2, 6, 8, 4, 8, 4, 0.25, 8, 35, 0.3, 6), 4 },
        // A medium fair: 150 participants, popular scouts over-asked.
        { new("medium", 120, 30, 2, 8, 20, 5, 10, 6, 0.2, 20, 90, 0.3, 8), 5 },
        { new("medium, scarce tables", 120, 30, 2, 8, 9, 5, 10, 6, 0.2, 20, 90, 0.5, 8), 6 },
        // Busy people (half the slots unavailable), few tables, requests spread over every scout: the events
        // on which the greedy placement alone left placeable requests out (24 of 28, 17 of 18, 17 of 18).
        { new("busy people, four tables", 40, 12, 1, 8, 4, 3, 6, 6, 0.6, 10, 40, 0.6, 4, 1), 4 },
        { new("as many scouts as startups", 20, 20, 1, 6, 5, 6, 6, 6, 0.4, 20, 60, 0.5, 4, 1), 2 },
        { new("busy people, six tables", 60, 20, 1, 8, 6, 4, 8, 8, 0.5, 20, 80, 0.7, 6, 1.2), 5 },
    };
    [Theory]
    [MemberData(nameof(Events))]
    public void The_batch_places_every_accepted_request_that_can_be_placed(PlannerEvents.Shape shape, int seed)
    {
        var first = PlannerEvents.FirstNight(shape, seed);
        var firstPlan = PlannerEvents.Plan(first);
        AssertPlacesTheMost(first, firstPlan, "first night");

        var second = PlannerEvents.NextNight(shape, seed, first, firstPlan);
        var secondPlan = PlannerEvents.Plan(second);
        AssertPlacesTheMost(second, secondPlan, "second night");
    }

    private void AssertPlacesTheMost(EventSnapshot snapshot, PublishedSchedule plan, string night)
    {
        var problem = PlannerEvents.ProblemOf(snapshot);
        var best = PlaceabilityChecker.MostPlaceable(problem);
        var placedPairs = plan.Meetings.Select(m => (m.StartupId, m.DelegateId)).ToHashSet();
        var placed = problem.Accepted.Count(placedPairs.Contains);
        output.WriteLine($"{night}: {placed} of {best.Accepted} accepted requests placed, {best.MostPlaceable} placeable; " +
                         $"{problem.Stays.Count} confirmed meetings stay; {plan.Meetings.Count} meetings; {plan.Quality.Placement} placement " +
                         $"{plan.Quality.ExactStatus}: {plan.Quality.TotalBreaks} breaks (event mode {plan.Quality.EventModeBreaks}, bound {plan.Quality.BreaksLowerBound}); " +
                         $"unplaced: {string.Join("; ", plan.Quality.Unplaced.Take(3))}");

        Assert.Empty(PlaceabilityChecker.Violations(problem, plan.Meetings.Select(m => (m.StartupId, m.DelegateId, m.Slot, m.Table))));
        Assert.Equal(best.MostPlaceable, placed);
        Assert.Equal(best.Accepted - best.MostPlaceable, plan.Quality.Unplaced.Count);
    }
}
