using Matchmaker.Silo.Batch;

namespace Matchmaker.Tests.Batch;

public sealed class NightlyScheduleTests
{
    [Fact]
    public void The_next_run_is_tonight_at_the_local_time_of_the_event()
    {
        var now = new DateTimeOffset(2027, 5, 10, 12, 0, 0, TimeSpan.Zero); // 21:00 in Seoul

        var next = NightlySchedule.NextRun("Asia/Seoul", new TimeOnly(2, 0), now);

        Assert.Equal(new DateTimeOffset(2027, 5, 11, 2, 0, 0, TimeSpan.FromHours(9)), next);
    }

    [Fact]
    public void A_time_already_past_today_runs_tomorrow()
    {
        var now = new DateTimeOffset(2027, 5, 10, 18, 0, 0, TimeSpan.Zero); // 03:00 next day in Seoul

        Assert.Equal(new DateTimeOffset(2027, 5, 12, 2, 0, 0, TimeSpan.FromHours(9)), NightlySchedule.NextRun("Asia/Seoul", new TimeOnly(2, 0), now));
    }

    [Fact]
    public void Daylight_saving_keeps_the_local_hour_and_a_skipped_hour_runs_just_after()
    {
        // Las Vegas: clocks go from PST to PDT on 2027-03-14 at 02:00, which does not exist that night.
        var beforeChange = new DateTimeOffset(2027, 3, 13, 12, 0, 0, TimeSpan.Zero);
        var skipped = NightlySchedule.NextRun("America/Los_Angeles", new TimeOnly(2, 30), beforeChange.AddDays(1).AddHours(-20));
        var summer = NightlySchedule.NextRun("America/Los_Angeles", new TimeOnly(1, 0), new DateTimeOffset(2027, 3, 20, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2027, 3, 14, 3, 30, 0, TimeSpan.FromHours(-7)), skipped);
        Assert.Equal(TimeSpan.FromHours(-7), summer.Offset);
        Assert.Equal(1, summer.Hour);
    }
}
