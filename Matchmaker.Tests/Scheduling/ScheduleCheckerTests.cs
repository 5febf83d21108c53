using Matchmaker.Model.Scheduling.Exact;
using static Matchmaker.Tests.Scheduling.Instances;

namespace Matchmaker.Tests.Scheduling;

public class ScheduleCheckerTests
{
    private static readonly B2bInstance Star = B2bInstance.Create("star", 4, 4, 4, 2, [Meet(1, 2), Meet(1, 3), Meet(1, 4)],
        [None, new HashSet<int> { 4 }, None, None]);

    [Fact]
    public void Breaks_are_recounted_from_the_slots()
    {
        var check = ScheduleChecker.Check(Star, [new(1, 2, 1, 1), new(1, 3, 3, 1), new(1, 4, 4, 1)], fairness: null);

        Assert.True(check.IsFeasible);
        Assert.Equal(1, check.TotalBreaks);
        Assert.Equal([1, 0, 0, 0], check.Breaks);
    }

    [Fact]
    public void A_double_booked_participant_is_caught()
    {
        var check = ScheduleChecker.Check(Star, [new(1, 2, 1, 1), new(1, 3, 1, 2), new(1, 4, 2, 1)], fairness: null);

        Assert.Contains(check.Violations, v => v.Contains("two meetings in slot 1"));
    }

    [Fact]
    public void A_forbidden_slot_and_a_shared_table_are_caught()
    {
        var check = ScheduleChecker.Check(Star, [new(1, 2, 4, 1), new(1, 3, 2, 1), new(1, 4, 3, 1), ], fairness: null);
        Assert.Contains(check.Violations, v => v.Contains("forbidden for 2"));

        var twoTables = B2bInstance.Create("pairs", 4, 1, 1, 2, [Meet(1, 2), Meet(3, 4)]);
        var shared = ScheduleChecker.Check(twoTables, [new(1, 2, 1, 1), new(3, 4, 1, 1)], fairness: null);
        Assert.Contains(shared.Violations, v => v.Contains("table 1 is taken twice"));
    }

    [Fact]
    public void An_unfair_spread_of_breaks_is_caught()
    {
        var check = ScheduleChecker.Check(Star, [new(1, 2, 1, 1), new(1, 3, 3, 1), new(1, 4, 4, 1)], fairness: 0);

        Assert.Contains(check.Violations, v => v.Contains("spread 1 exceeds fairness 0"));
    }
}
