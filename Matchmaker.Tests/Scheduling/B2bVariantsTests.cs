using Matchmaker.Model.Scheduling.Exact;
using static Matchmaker.Tests.Scheduling.Instances;

namespace Matchmaker.Tests.Scheduling;

[Collection(ExactSolverRuns.Name)]
public class B2bVariantsTests
{
    private static B2bInstance Variant(string name, VariantFamily family, double density, int seed = 1) =>
        B2bVariants.Generate(Read(name), new VariantRecipe(family, density), seed);

    [Fact]
    public void The_same_seed_gives_the_same_variant_and_another_seed_another()
    {
        var once = DznWriter.Write(Variant("forum-14", VariantFamily.Fixed, 0.2));
        var again = DznWriter.Write(Variant("forum-14", VariantFamily.Fixed, 0.2));
        var other = DznWriter.Write(Variant("forum-14", VariantFamily.Fixed, 0.2, seed: 2));

        Assert.Equal(once, again);
        Assert.NotEqual(once, other);
    }

    [Fact]
    public void Variants_are_named_after_the_instance_and_the_recipe()
    {
        var names = VariantRecipe.Paper.Select(recipe => B2bVariants.Generate(Read("tic-12"), recipe).Name);

        Assert.Equal(["tic-12-forb003", "tic-12-forb007", "tic-12-fixed020", "tic-12-fixed040", "tic-12-prec015", "tic-12-prec025"], names);
    }

    [Fact]
    public void Forbidden_slot_variants_replace_the_forbidden_slots_and_change_nothing_else()
    {
        var original = Read("forum-14");
        var variant = Variant("forum-14", VariantFamily.Forbidden, 0.007);

        var pairs = variant.Forbidden.Sum(slots => slots.Count);
        // 78 participants × 22 slots at 0.7 % is 12 pairs on average; the seeded draw stays near it.
        Assert.InRange(pairs, 3, 30);
        Assert.All(variant.Forbidden.SelectMany(slots => slots), slot => Assert.InRange(slot, 1, original.Slots));
        Assert.Equal(original.Meetings, variant.Meetings);
        Assert.All(variant.Fixed, slot => Assert.Equal(0, slot));
        Assert.All(variant.Precedences, Assert.Empty);
    }

    [Fact]
    public void Fixed_meeting_variants_fix_the_share_asked_for_where_both_participants_can_meet()
    {
        var variant = Variant("forum-14", VariantFamily.Fixed, 0.4);

        var fixedMeetings = Enumerable.Range(0, variant.Meetings.Count).Where(m => variant.Fixed[m] != 0).ToList();
        // 40 % of 302 is 121; a meeting whose participants have no common free slot left stays free.
        Assert.InRange(fixedMeetings.Count, 110, 121);
        Assert.All(fixedMeetings, m => Assert.True(variant.Allows(m, variant.Fixed[m])));
        var perParticipantSlot = fixedMeetings
            .SelectMany(m => new[] { (variant.Meetings[m].A, variant.Fixed[m]), (variant.Meetings[m].B, variant.Fixed[m]) });
        Assert.Equal(perParticipantSlot.Count(), perParticipantSlot.Distinct().Count());
    }

    [Fact]
    public void Precedence_variants_only_order_meetings_of_one_participant()
    {
        var variant = Variant("forum-14", VariantFamily.Precedences, 0.25);

        var rules = Enumerable.Range(0, variant.Meetings.Count)
            .SelectMany(m => variant.Precedences[m].Select(before => (Before: before - 1, After: m))).ToList();
        // 302 meetings have 604 participant places; a quarter of them is about 151 rules.
        Assert.InRange(rules.Count, 100, 200);
        Assert.All(rules, rule =>
        {
            var (a, b) = (variant.Meetings[rule.Before], variant.Meetings[rule.After]);
            Assert.NotEqual(rule.Before, rule.After);
            Assert.True(new[] { a.A, a.B }.Intersect([b.A, b.B]).Any(), $"meetings {rule.Before + 1} and {rule.After + 1} share nobody");
        });
        // Rules that would close a cycle are not drawn.
        Assert.NotEqual(InfeasibilityKind.PrecedenceCycle, SlotDomains.Propagate(variant).Reason?.Kind);
    }

    [Fact]
    public void A_written_variant_reads_back_the_same()
    {
        foreach (var recipe in VariantRecipe.Paper)
        {
            var variant = B2bVariants.Generate(Read("tic-13crafc"), recipe);

            var back = DznReader.Read("variant.dzn", variant.Name, DznWriter.Write(variant));

            Assert.Equal((variant.Participants, variant.Slots, variant.MorningSlots, variant.Tables), (back.Participants, back.Slots, back.MorningSlots, back.Tables));
            Assert.Equal(variant.Meetings, back.Meetings);
            Assert.Equal(variant.Forbidden.Select(s => s.Order().ToArray()), back.Forbidden.Select(s => s.Order().ToArray()));
            Assert.Equal(variant.Fixed, back.Fixed);
            Assert.Equal(variant.Precedences.Select(p => p.Order().ToArray()), back.Precedences.Select(p => p.Order().ToArray()));
        }
    }

    // A sample of the benchmark's variants: every one ends at a checked optimum or infeasible with a reason.
    [Theory]
    [InlineData("tic-12")]
    [InlineData("forumt-14crafc")]
    public void Every_variant_of_an_instance_is_solved_to_a_checked_optimum_or_reported_infeasible_with_a_reason(string name)
    {
        foreach (var variant in VariantRecipe.Paper.Select(recipe => B2bVariants.Generate(Read(name), recipe)))
        {
            var schedule = ExactScheduler.Solve(variant, new ExactSchedulerOptions(Fairness: 2, TimeLimitSeconds: 60));

            if (schedule.Status == SolveStatus.Infeasible)
            {
                Assert.False(string.IsNullOrWhiteSpace(schedule.Infeasibility?.Text), variant.Name);
                continue;
            }
            Assert.True(schedule.Status == SolveStatus.Optimal, $"{variant.Name}: {schedule.Status}");
            var check = ScheduleChecker.Check(variant, schedule.Meetings, 2);
            Assert.True(check.IsFeasible, $"{variant.Name}: {string.Join("; ", check.Violations)}");
            Assert.Equal(schedule.Breaks, check.TotalBreaks);
            Assert.True(schedule.LowerBound <= check.TotalBreaks);
        }
    }

    // Fixed meetings lift the optimum far above what the "at most B" models find a schedule for quickly (this
    // one's bound is 17 and no step of the upward search finds one): the first schedule and LNS still give the
    // caller a schedule that keeps every fixed meeting, and the bound stays below it.
    [Fact]
    public void A_fixed_meeting_variant_with_a_wide_gap_still_gets_a_schedule_that_keeps_every_fixed_meeting()
    {
        var variant = B2bVariants.Generate(Read("forum-13"), VariantRecipe.Paper.Single(recipe => recipe.Suffix == "fixed020"));

        var schedule = ExactScheduler.Solve(variant, new ExactSchedulerOptions(Fairness: 2, TimeLimitSeconds: 30));

        Assert.Contains(schedule.Status, new[] { SolveStatus.Optimal, SolveStatus.Feasible });
        var check = ScheduleChecker.Check(variant, schedule.Meetings, 2);
        Assert.True(check.IsFeasible, string.Join("; ", check.Violations));
        Assert.Equal(schedule.Breaks, check.TotalBreaks);
        Assert.True(schedule.LowerBound <= check.TotalBreaks);
    }
}
