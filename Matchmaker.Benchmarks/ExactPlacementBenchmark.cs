using System.Diagnostics;
using System.Globalization;
using Matchmaker.Model.Scheduling.Events;
using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Benchmarks;

/// <summary>
/// Event mode against the exact placement on events of B2B-forum size (about 150 participants), as the batch runs
/// them: the event mode with 30 % of the budget, the exact placement of its meetings with the rest.
/// </summary>
public static class ExactPlacementBenchmark
{
    public static void Run(IReadOnlyList<(int Startups, int Delegates)> sizes, int days, int slotsPerDay, double budget, int seeds, int workers, ExactTuning tuning)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"### Exact placement of small events ({days} day(s) × {slotsPerDay} slots, budget {budget} s: event mode 30 %, exact the rest; {workers} CP-SAT workers)"));
        Console.WriteLine();
        Console.WriteLine("| startups × delegates | seed | tables/slot | meetings | event-mode breaks | event s | exact breaks | lower bound | status | gap | fairness d | exact s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (startups, delegates) in sizes)
            for (var seed = 1; seed <= seeds; seed++)
            {
                var problem = SyntheticEvent.Generate(startups, delegates, seed, days, slotsPerDay);
                var clock = Stopwatch.StartNew();
                var eventMode = EventScheduler.Solve(problem, new EventSchedulerOptions(TimeLimitSeconds: 0.3 * budget));
                var eventSeconds = clock.Elapsed.TotalSeconds;
                var (schedule, report) = ExactPlacement.Improve(problem, eventMode,
                    new ExactPlacementOptions(MaxParticipants: int.MaxValue, TimeLimitSeconds: budget - eventSeconds, Workers: workers, Tuning: tuning));
                var check = EventScheduleChecker.Check(problem, schedule.Meetings);
                var status = !check.IsFeasible ? $"INVALID: {check.Violations[0]}" : report.Status == SolveStatus.Optimal ? "optimal" : "feasible";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {startups} × {delegates} | {seed} | {problem.Tables} | {schedule.Stats.Placed} | {report.EventModeBreaks} | {eventSeconds:F1} | {report.Breaks} | {report.BreaksLowerBound} | {status} | {100 * report.Gap:F1} % | {report.Fairness} | {report.Seconds:F1} |"));
            }
        Console.WriteLine();
    }

    /// <summary>
    /// The must-meet step at fair scale when scouts are asked for more than their caps: every startup has two accepted
    /// requests to scouts drawn with a strong bias to the popular ones, so the greedy pass leaves many out and the
    /// CP-SAT selection decides which fit.
    /// </summary>
    public static void MustMeetsAtScale(IReadOnlyList<(int Startups, int Delegates)> sizes, double budget)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### Must-meets beyond the caps (event mode, budget {budget} s)"));
        Console.WriteLine();
        Console.WriteLine("| startups × delegates | must-meets | placed | left out: delegate cap / startup cap / no slot / no common slot | meetings | breaks | s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (startups, delegates) in sizes)
        {
            var problem = SyntheticEvent.Generate(startups, delegates, seed: 1);
            var random = new Random(1);
            var mustMeet = new HashSet<(string, string)>();
            foreach (var s in problem.Startups)
                while (mustMeet.Count(m => m.Item1 == s.Id) < 2)
                    mustMeet.Add((s.Id, problem.Delegates[(int)(problem.Delegates.Count * Math.Pow(random.NextDouble(), 3))].Id));
            problem = problem with { MustMeet = mustMeet.Select(m => new MustMeetPair(m.Item1, m.Item2, 1)).ToList() };
            var clock = Stopwatch.StartNew();
            var schedule = EventScheduler.Solve(problem, new EventSchedulerOptions(TimeLimitSeconds: budget));
            var seconds = clock.Elapsed.TotalSeconds;
            int Count(UnplacedReason reason) => schedule.Unplaced.Count(u => u.Reason == reason);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {startups:N0} × {delegates:N0} | {schedule.Stats.MustMeets:N0} | {schedule.Stats.MustMeetsPlaced:N0} | {Count(UnplacedReason.DelegateCapReached)} / {Count(UnplacedReason.StartupCapReached)} / {Count(UnplacedReason.NoSlotLeft)} / {Count(UnplacedReason.NoCommonFreeSlot)} | {schedule.Stats.Placed:N0} | {schedule.Stats.TotalBreaks} | {seconds:F1} |"));
        }
        Console.WriteLine();
    }
}
