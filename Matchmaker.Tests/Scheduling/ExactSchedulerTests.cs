using Matchmaker.Model.Scheduling.Exact;
using static Matchmaker.Tests.Scheduling.Instances;

namespace Matchmaker.Tests.Scheduling;

[Collection(ExactSolverRuns.Name)]
public class ExactSchedulerTests
{
    private static readonly ExactSchedulerOptions Options = new(Fairness: 2, TimeLimitSeconds: 30);

    // Three participants who all meet each other, one table, three slots: whoever sits out the middle
    // slot waits through it, so exactly one break is unavoidable.
    private static B2bInstance Triangle(int tables = 1) =>
        B2bInstance.Create("triangle", 3, 3, 3, tables, [Meet(1, 2), Meet(1, 3), Meet(2, 3)]);

    [Fact]
    public void A_triangle_in_three_slots_has_its_one_unavoidable_break_proven_optimal()
    {
        var schedule = ExactScheduler.Solve(Triangle(), Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.Equal(1, schedule.Breaks);
        var check = ScheduleChecker.Check(Triangle(), schedule.Meetings, 2);
        Assert.True(check.IsFeasible, string.Join("; ", check.Violations));
        Assert.Equal(1, check.TotalBreaks);
    }

    [Fact]
    public void A_star_of_meetings_is_placed_back_to_back_without_breaks()
    {
        var star = B2bInstance.Create("star", 5, 6, 6, 2, [Meet(1, 2), Meet(1, 3), Meet(1, 4), Meet(1, 5)]);

        var schedule = ExactScheduler.Solve(star, Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.Equal(0, schedule.Breaks);
        var slots = schedule.Meetings.Select(m => m.Slot).Order().ToArray();
        Assert.Equal(Enumerable.Range(slots[0], 4), slots);
    }

    [Fact]
    public void Fairness_zero_makes_the_triangle_infeasible_for_its_neighbourhood_and_fairness_one_allows_it()
    {
        // Everybody alone could go without a break; only the three together force one, so it takes a search:
        // participant 1's neighbourhood (here everybody) has no schedule even on its own.
        var unfair = ExactScheduler.Solve(Triangle(), Options with { Fairness = 0 });

        Assert.Equal(SolveStatus.Infeasible, unfair.Status);
        Assert.Equal(InfeasibilityKind.NeighbourhoodInfeasible, unfair.Infeasibility?.Kind);
        Assert.StartsWith("participant 1 and the 2 participants it meets have no schedule", unfair.Infeasibility?.Text);
        Assert.Equal(SolveStatus.Optimal, ExactScheduler.Solve(Triangle(), Options with { Fairness = 1 }).Status);
    }

    [Fact]
    public void More_meetings_for_one_participant_than_slots_is_reported_infeasible_naming_the_participant()
    {
        var crowded = B2bInstance.Create("crowded", 4, 2, 2, 3, [Meet(1, 2), Meet(1, 3), Meet(1, 4)]);

        var schedule = ExactScheduler.Solve(crowded, Options);

        Assert.Equal(SolveStatus.Infeasible, schedule.Status);
        Assert.Empty(schedule.Meetings);
        Assert.Equal(InfeasibilityKind.TooFewSlots, schedule.Infeasibility?.Kind);
        Assert.Equal("participant 1 has 3 meetings but only 2 slots it can use for them", schedule.Infeasibility?.Text);
    }

    [Fact]
    public void A_meeting_whose_every_slot_is_forbidden_is_reported_infeasible_naming_the_meeting()
    {
        var blocked = B2bInstance.Create("blocked", 2, 2, 2, 1, [Meet(1, 2)], [new HashSet<int> { 1 }, new HashSet<int> { 2 }]);

        var schedule = ExactScheduler.Solve(blocked, Options);

        Assert.Equal(SolveStatus.Infeasible, schedule.Status);
        Assert.Equal(InfeasibilityKind.NoSlotForMeeting, schedule.Infeasibility?.Kind);
        Assert.StartsWith("meeting 1 (1-2) has no slot", schedule.Infeasibility?.Text);
    }

    // Meetings A = 1-2, B = 2-3, C = 3-4 in four slots, two tables; A is fixed at slot 2. Participant 2 goes
    // without a break with B in slot 1 or 3, participant 3 with C next to B. Without more, B = 3 and C = 4
    // costs nothing. With "C before B" and slot 2 forbidden to participant 3, every placement costs one
    // break: B = 3 needs C = 1 (3 waits through slot 2), B = 4 leaves 2 waiting through slot 3.
    private static B2bInstance Chain(bool precedence) => new(
        "chain", 4, 4, 4, 2, [Meet(1, 2), Meet(2, 3), Meet(3, 4)],
        [None, None, new HashSet<int> { 2 }, None],
        [2, 0, 0],
        [[], precedence ? [3] : [], []]);

    [Fact]
    public void A_fixed_meeting_a_forbidden_slot_and_a_precedence_together_force_one_break_proven_optimal()
    {
        var free = ExactScheduler.Solve(Chain(precedence: false), Options);
        var ordered = ExactScheduler.Solve(Chain(precedence: true), Options);

        Assert.Equal((SolveStatus.Optimal, 0), (free.Status, free.Breaks));
        Assert.Equal((SolveStatus.Optimal, 1), (ordered.Status, ordered.Breaks));
        var check = ScheduleChecker.Check(Chain(precedence: true), ordered.Meetings, 2);
        Assert.True(check.IsFeasible, string.Join("; ", check.Violations));
        Assert.Equal(2, ordered.Meetings[0].Slot);
        Assert.True(ordered.Meetings[2].Slot < ordered.Meetings[1].Slot);
    }

    [Fact]
    public void A_fixed_meeting_in_a_forbidden_slot_is_reported_infeasible_before_any_search()
    {
        var instance = new B2bInstance("fixed-forbidden", 3, 4, 4, 2, [Meet(1, 2), Meet(1, 3)],
            [None, new HashSet<int> { 3 }, None], [0, 0], [[], []]);
        instance = instance with { Fixed = [3, 0] };

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Infeasible, schedule.Status);
        Assert.Equal(new Infeasibility(InfeasibilityKind.FixedSlotNotAllowed,
            "meeting 1 (1-2) is fixed at slot 3, which participant 2 has forbidden"), schedule.Infeasibility);
    }

    [Fact]
    public void A_cycle_of_precedences_is_reported_with_its_meetings()
    {
        // 1 before 3, 3 before 2, 2 before 1.
        var instance = new B2bInstance("cycle", 4, 6, 6, 2, [Meet(1, 2), Meet(1, 3), Meet(1, 4)],
            [None, None, None, None], [0, 0, 0], [[2], [3], [1]]);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Infeasible, schedule.Status);
        Assert.Equal(InfeasibilityKind.PrecedenceCycle, schedule.Infeasibility?.Kind);
        Assert.Contains("meetings 1 → 3 → 2 → 1", schedule.Infeasibility?.Text);
    }

    [Fact]
    public void Two_fixed_meetings_of_one_participant_in_one_slot_are_reported_as_a_clash()
    {
        var instance = new B2bInstance("clash", 3, 4, 4, 2, [Meet(1, 2), Meet(1, 3)],
            [None, None, None], [2, 2], [[], []]);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(InfeasibilityKind.ParticipantSlotClash, schedule.Infeasibility?.Kind);
        Assert.Equal("participant 1 has meeting 1 (1-2) and meeting 2 (1-3) both fixed into slot 2", schedule.Infeasibility?.Text);
    }

    [Fact]
    public void More_fixed_meetings_in_a_slot_than_tables_are_reported()
    {
        var instance = new B2bInstance("tables", 4, 3, 3, 1, [Meet(1, 2), Meet(3, 4)],
            [None, None, None, None], [1, 1], [[], []]);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(InfeasibilityKind.TablesExceeded, schedule.Infeasibility?.Kind);
        Assert.Equal("slot 1 holds 2 fixed meetings but has 1 tables", schedule.Infeasibility?.Text);
    }

    [Fact]
    public void More_meetings_than_the_tables_of_all_slots_hold_are_reported()
    {
        var pairs = B2bInstance.Create("pairs", 8, 3, 3, 1, [Meet(1, 2), Meet(3, 4), Meet(5, 6), Meet(7, 8)]);

        var schedule = ExactScheduler.Solve(pairs, Options);

        Assert.Equal(new Infeasibility(InfeasibilityKind.TablesExceeded, "4 meetings need a table but 3 slots × 1 tables hold 3"), schedule.Infeasibility);
    }

    [Fact]
    public void A_chain_of_precedences_longer_than_the_slots_before_a_fixed_meeting_is_reported()
    {
        // Meeting 1 before 2 before 3, and 3 fixed at slot 2: meeting 1 would need slot 0.
        var instance = new B2bInstance("short", 4, 5, 5, 2, [Meet(1, 2), Meet(1, 3), Meet(1, 4)],
            [None, None, None, None], [0, 0, 2], [[], [1], [2]]);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Infeasible, schedule.Status);
        Assert.Equal(InfeasibilityKind.NoSlotAfterPropagation, schedule.Infeasibility?.Kind);
    }

    [Fact]
    public void Own_breaks_above_the_fairness_bound_are_reported_naming_both_participants()
    {
        // Participant 1's meetings must take slots 1 and 4 (one break); participants 2 and 3 have one meeting each.
        var forbidden = new IReadOnlySet<int>[] { new HashSet<int> { 2, 3 }, None, None };
        var instance = B2bInstance.Create("apart", 3, 4, 2, 1,
            [Meet(1, 2, Session.Morning), Meet(1, 3, Session.Afternoon)], forbidden);

        var schedule = ExactScheduler.Solve(instance, Options with { Fairness = 0 });

        Assert.Equal(InfeasibilityKind.FairnessUnreachable, schedule.Infeasibility?.Kind);
        Assert.StartsWith("participant 1 needs at least 1 breaks", schedule.Infeasibility?.Text);
    }

    [Fact]
    public void A_participant_never_has_two_meetings_in_one_slot()
    {
        // Enough tables for all three at once: only the participant rule keeps them apart.
        var star = B2bInstance.Create("star", 4, 3, 3, 3, [Meet(1, 2), Meet(1, 3), Meet(1, 4)]);

        var schedule = ExactScheduler.Solve(star, Options);

        Assert.Equal(3, schedule.Meetings.Select(m => m.Slot).Distinct().Count());
    }

    [Fact]
    public void No_slot_holds_more_meetings_than_tables()
    {
        // Four separate pairs and one table: only the table limit spreads them over the slots.
        var pairs = B2bInstance.Create("pairs", 8, 4, 4, 1, [Meet(1, 2), Meet(3, 4), Meet(5, 6), Meet(7, 8)]);

        var schedule = ExactScheduler.Solve(pairs, Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.All(schedule.Meetings.GroupBy(m => m.Slot), slot => Assert.Single(slot));
        Assert.All(schedule.Meetings, m => Assert.Equal(1, m.Table));
    }

    [Fact]
    public void Forbidden_slots_are_never_used()
    {
        var forbidden = new IReadOnlySet<int>[] { new HashSet<int> { 1, 2 }, None, None };
        var instance = B2bInstance.Create("forbidden", 3, 4, 4, 2, [Meet(1, 2), Meet(1, 3)], forbidden);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.All(schedule.Meetings, m => Assert.True(m.Slot >= 3));
    }

    [Fact]
    public void Morning_and_afternoon_meetings_stay_in_their_session()
    {
        var instance = B2bInstance.Create("sessions", 4, 4, 2, 2,
            [Meet(1, 2, Session.Afternoon), Meet(3, 4, Session.Morning), Meet(1, 3, Session.Afternoon)]);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.True(schedule.Meetings[0].Slot > 2);
        Assert.True(schedule.Meetings[1].Slot <= 2);
        Assert.True(schedule.Meetings[2].Slot > 2);
    }

    [Fact]
    public void Fixed_meetings_keep_their_slot_and_precedences_are_kept()
    {
        var meetings = new[] { Meet(1, 2), Meet(3, 4), Meet(5, 6) };
        var instance = new B2bInstance("fixed", 6, 6, 6, 3, meetings,
            Enumerable.Range(0, 6).Select(_ => None).ToArray(),
            [3, 0, 0],
            [[], [1], [2]]); // meeting 1 before 2 before 3

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.Equal(3, schedule.Meetings[0].Slot);
        Assert.True(schedule.Meetings[1].Slot > schedule.Meetings[0].Slot);
        Assert.True(schedule.Meetings[2].Slot > schedule.Meetings[1].Slot);
    }

    [Fact]
    public void A_participant_whose_own_meetings_cannot_sit_back_to_back_gets_its_unavoidable_break_proven_optimal()
    {
        // Participant 1 meets 2 in the morning and 3 in the afternoon but cannot attend slots 2 and 3,
        // so its meetings take slots 1 and 4 whatever the others do.
        var forbidden = new IReadOnlySet<int>[] { new HashSet<int> { 2, 3 }, None, None };
        var instance = B2bInstance.Create("apart", 3, 4, 2, 1,
            [Meet(1, 2, Session.Morning), Meet(1, 3, Session.Afternoon)], forbidden);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.Equal(1, schedule.Breaks);
        Assert.Equal([1, 4], schedule.Meetings.Select(m => m.Slot));
    }

    // The incumbent (a first schedule, lowered by LNS) sought as soon as the own minimums are refuted: on small
    // instances the first schedule or LNS reaches the refuted bound, and that is the proof: the known optimum.
    [Fact]
    public void The_first_schedule_and_LNS_reach_the_refuted_bound_and_prove_the_optimum()
    {
        var early = Options with { Tuning = ExactTuning.Default with { IncumbentFromSlack = 0 } };
        var afternoon = B2bInstance.Create("afternoon", 5, 4, 2, 2,
            [Meet(1, 2, Session.Afternoon), Meet(1, 3, Session.Afternoon), Meet(2, 4, Session.Morning), Meet(3, 5, Session.Morning)]);

        foreach (var (instance, optimum) in new[] { (Triangle(), 1), (afternoon, 1), (Chain(precedence: true), 1) })
        {
            var schedule = ExactScheduler.Solve(instance, early);

            Assert.Equal((SolveStatus.Optimal, optimum), (schedule.Status, schedule.Breaks));
            var check = ScheduleChecker.Check(instance, schedule.Meetings, 2);
            Assert.True(check.IsFeasible, string.Join("; ", check.Violations));
            Assert.Equal(optimum, check.TotalBreaks);
        }
    }

    // Participant 1's two meetings fill the afternoon (slots 3 and 4); 2 and 3 each also meet someone in the
    // morning, so each needs its meeting with 1 in slot 3 to go without a break. Alone, everybody can have no
    // break; together one of them must wait: the bound comes from the group of 1 and its partners.
    [Fact]
    public void Breaks_that_only_a_participant_and_its_partners_together_force_are_counted_and_no_more()
    {
        var instance = B2bInstance.Create("afternoon", 5, 4, 2, 2,
            [Meet(1, 2, Session.Afternoon), Meet(1, 3, Session.Afternoon), Meet(2, 4, Session.Morning), Meet(3, 5, Session.Morning)]);

        var schedule = ExactScheduler.Solve(instance, Options);

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.Equal(1, schedule.Breaks);
        var check = ScheduleChecker.Check(instance, schedule.Meetings, 2);
        Assert.True(check.IsFeasible, string.Join("; ", check.Violations));
        Assert.Equal(1, check.TotalBreaks);
    }

    [Theory]
    [InlineData("tic-12", 0)]
    [InlineData("tic-12crafc", 0)]
    [InlineData("tic-13crafb", 0)]
    [InlineData("forumt-14crafd", 4)]
    [InlineData("forum-14", 2)]
    // One break above the participants' own minimums, found by the spare-break split. Its short tries are
    // capped in wall-clock time as well, so on a busy machine they need retries: the limit leaves room.
    // (ticf-13crafc, whose spare break has the same shape, is measured in docs/benchmarks.md instead: CP-SAT
    // needs 8–26 s to place even its right taker, and the whole search missed 120 s in one CI run.)
    [InlineData("forum-13crafc", 1, 120)]
    // A participant and its partners need two breaks more than their own minimums add up to; the optimum is
    // proven by sharing those breaks out among them model by model (docs/scheduling.md, "Groups").
    [InlineData("ticf-13crafb", 3, 120)]
    [InlineData("forum-13crafb", 6, 120)]
    public void A_real_instance_is_solved_at_its_published_optimum_and_passes_the_independent_check(string name, int optimum, double seconds = 60)
    {
        var instance = Read(name);

        var schedule = ExactScheduler.Solve(instance, new ExactSchedulerOptions(Fairness: 2, TimeLimitSeconds: seconds));

        Assert.Equal(SolveStatus.Optimal, schedule.Status);
        Assert.Equal(optimum, schedule.Breaks);
        var check = ScheduleChecker.Check(instance, schedule.Meetings, 2);
        Assert.True(check.IsFeasible, string.Join("; ", check.Violations));
        Assert.Equal(optimum, check.TotalBreaks);
    }
}
