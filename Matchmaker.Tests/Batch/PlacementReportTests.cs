using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Model.Scheduling.Events;

namespace Matchmaker.Tests.Batch;

/// <summary>What the organiser reads about how the batch placed the meetings: exact for small events, event mode for large.</summary>
[Collection(Scheduling.ExactSolverRuns.Name)]
public sealed class PlacementReportTests
{
    private static readonly PlannerEvents.Shape Forum = new("forum", 40, 10, 1, 8, 10, 4, 8, 8, 0.2, 5, 25, 0.3, 2);

    [Fact]
    public void A_small_event_is_placed_exactly_and_the_report_says_optimal_or_the_gap()
    {
        var plan = PlannerEvents.Plan(PlannerEvents.FirstNight(Forum, seed: 1));

        var quality = plan.Quality;
        Assert.Equal(PlacementMethod.Exact, quality.Placement);
        Assert.NotNull(quality.ExactStatus);
        Assert.InRange(quality.BreaksLowerBound!.Value, 0, quality.TotalBreaks);
        Assert.Equal(quality.ExactStatus == ExactStatus.Optimal, quality.BreaksGap == 0);
        Assert.True(quality.TotalBreaks <= quality.EventModeBreaks);
        Assert.True(quality.BreaksFairness >= 2);
    }

    [Fact]
    public void An_event_above_the_threshold_keeps_event_mode_and_says_so()
    {
        var plan = PlannerEvents.Plan(PlannerEvents.FirstNight(Forum, seed: 1), exact: new ExactPlacementOptions(MaxParticipants: 49));

        Assert.Equal(PlacementMethod.Event, plan.Quality.Placement);
        Assert.Null(plan.Quality.ExactStatus);
        Assert.Null(plan.Quality.BreaksLowerBound);
        Assert.Null(plan.Quality.EventModeBreaks);
    }
}
