using System.Globalization;
using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Benchmarks;

/// <summary>
/// The exact scheduler on the seeded variants of the 20 real instances (B2bVariants, the paper's recipe):
/// one row per variant, then a summary per family in the shape of the paper's table.
/// </summary>
public static class VariantsBenchmark
{
    private sealed record Row(B2bInstance Variant, VariantRecipe Recipe, B2bSchedule Schedule, ScheduleCheck Check);

    public static void Run(string data, ExactSchedulerOptions options, int seed, string? only)
    {
        var originals = Directory.GetFiles(Path.Combine(data, "instances"), "*.dzn").Order(StringComparer.Ordinal)
            .Select(DznReader.ReadFile).ToArray();
        var fairness = options.Fairness;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"### Generated variants (seed {seed}, d = {fairness}, time limit {options.TimeLimitSeconds} s each, {options.Workers} CP-SAT workers)"));
        Console.WriteLine();
        Console.WriteLine("| variant | status | breaks | bound | independent check | reason | s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var rows = new List<Row>();
        foreach (var original in originals)
            foreach (var recipe in VariantRecipe.Paper)
            {
                var variant = B2bVariants.Generate(original, recipe, seed);
                if (only is not null && !variant.Name.Contains(only, StringComparison.Ordinal)) continue;
                var schedule = ExactScheduler.Solve(variant, options);
                var check = ScheduleChecker.Check(variant, schedule.Meetings, fairness);
                rows.Add(new Row(variant, recipe, schedule, check));
                var checkText = schedule.Meetings.Count == 0 ? "no schedule"
                    : check.IsFeasible ? $"feasible, {check.TotalBreaks} breaks, spread {check.Spread}" : $"INVALID: {check.Violations[0]}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {variant.Name} | {ScheduleJson.StatusText(schedule.Status)} | {schedule.Breaks?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {Math.Ceiling(schedule.LowerBound)} | {checkText} | {schedule.Infeasibility?.Text ?? ""} | {schedule.Seconds:F2} |"));
            }
        Console.WriteLine();
        Console.WriteLine("| family | instances (infeasible) | solved ≤ 1 s | ≤ 5 s | ≤ 10 s | unsolved | slowest solved s | total s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var family in rows.GroupBy(r => r.Recipe.Family).Append(rows.GroupBy(_ => (VariantFamily)(-1)).FirstOrDefault()))
        {
            if (family is null) continue;
            var label = family.Key switch
            {
                VariantFamily.Forbidden => "forbidden α 0.3 / 0.7 %",
                VariantFamily.Fixed => "fixed β 20 / 40 %",
                VariantFamily.Precedences => "precedences γ 15 / 25 %",
                _ => "all",
            };
            var solved = family.Where(Solved).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {family.Count()} ({family.Count(r => r.Schedule.Status == SolveStatus.Infeasible)}) | {solved.Count(r => r.Schedule.Seconds <= 1)} | {solved.Count(r => r.Schedule.Seconds <= 5)} | {solved.Count(r => r.Schedule.Seconds <= 10)} | {family.Count() - solved.Count} | {(solved.Count == 0 ? 0 : solved.Max(r => r.Schedule.Seconds)):F1} | {family.Sum(r => r.Schedule.Seconds):F0} |"));
        }
        Console.WriteLine();
    }

    /// <summary>Optimum proven (and the schedule passes the independent check) or infeasibility proven.</summary>
    private static bool Solved(Row row) =>
        row.Schedule.Status == SolveStatus.Infeasible ||
        (row.Schedule.Status == SolveStatus.Optimal && row.Check.IsFeasible && row.Check.TotalBreaks == row.Schedule.Breaks);

    /// <summary>Writes every variant as a .dzn file, for <c>solve</c> and tools/recheck_b2b.py.</summary>
    public static void Write(string data, string directory, int seed)
    {
        Directory.CreateDirectory(directory);
        var originals = Directory.GetFiles(Path.Combine(data, "instances"), "*.dzn").Order(StringComparer.Ordinal).Select(DznReader.ReadFile);
        var count = 0;
        foreach (var variant in B2bVariants.All(originals, seed))
        {
            DznWriter.WriteFile(variant, Path.Combine(directory, variant.Name + ".dzn"));
            count++;
        }
        Console.WriteLine($"{count} variants written to {directory}");
    }
}
