using System.Diagnostics;
using System.Globalization;
using Matchmaker.Model.Scheduling.Events;
using Matchmaker.Model.Scheduling.Exact;

// Benchmarks: print the Markdown tables of docs/benchmarks.md.
//   dotnet run -c Release --project Matchmaker.Benchmarks -- [real|synthetic|all] [--time-limit S] [--workers N]
//       [--event-time-limit S] [--sizes 500x100,2000x400] [--data DIR]
//   dotnet run -c Release --project Matchmaker.Benchmarks -- variants [--time-limit 10] [--fairness 2] [--seed 1] [--only NAME]
//       (the seeded variants of the real instances, B2bVariants)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- write-variants --out DIR [--seed 1]   (the same as .dzn files)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- batch [--sizes 2000x400]       (the pairing batch end to end)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- week [--sizes 200x40] [--seed 1] [--out week.md] [--live-rates 0.25]
//       (the simulated event week: three nights and days of scripted behaviour on the real host)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- exact-placement [--sizes 100x50,120x30] [--days 1] [--slots 16]
//       [--event-time-limit 60] [--seeds 3]   (event mode against the exact placement on small events)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- must-meets [--sizes 500x100,2000x400]   (must-meets beyond the caps)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- matches [--url U] [--event demo] [--concurrency 100] [--seconds 20]
//       [--writes 10] [--health] [--rounds 4] [--fair 2000x400]   (GET matches under profile writes, and /health the same way in alternating rounds)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- match-table [--sizes 300x40,2000x400] [--repeats 5]
//       (full build and incremental rebuilds of the match table, in process)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- match-parts [--sizes 4000x20000] [--candidates 200] [--partition 2500]
//       (a large event's partitioned table in process, step by step: candidates, scoring per partition, merge)
//   dotnet run -c Release --project Matchmaker.Benchmarks -- load [--sizes 2000x400] [--nodes 1|3] [--steps 25,50,100,200] [--seconds 60]
//       [--alone-seconds 10]   (the coffee-break mix against real service processes; starts its own Azurite)
// Peak memory is the process's, so run "synthetic" on its own for the event-mode figure.
// Solver runs take seconds and their quality matters as much as their time, so this is a plain harness
// measuring one run per case, not BenchmarkDotNet's repeated micro-timings.
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var timeLimit = double.Parse(Option("--time-limit") ?? "10", CultureInfo.InvariantCulture);
var eventLimit = double.Parse(Option("--event-time-limit") ?? "60", CultureInfo.InvariantCulture);
var data = Option("--data") ?? FindData();
var workers = int.Parse(Option("--workers") ?? "4", CultureInfo.InvariantCulture);
var fairness = int.Parse(Option("--fairness") ?? "2", CultureInfo.InvariantCulture);
var seed = int.Parse(Option("--seed") ?? "1", CultureInfo.InvariantCulture);
// --tuning "MaxShares=0,StepWork=3": experiments with the exact search's settings (ExactTuning), by name.
var tuning = ExactTuning.Default with { };
foreach (var setting in (Option("--tuning") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
{
    var (key, value) = (setting.Split('=')[0], setting.Split('=')[1]);
    var property = typeof(ExactTuning).GetProperty(key) ?? throw new ArgumentException($"--tuning: no setting {key}");
    property.SetValue(tuning, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
}
var sizes = (Option("--sizes") ?? "500x100,2000x400,5000x1000").Split(',')
    .Select(s => s.Split('x')).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();

if (mode == "batch")
{
    Console.WriteLine("| event | status | snapshot s | retrain s | score s | schedule s | write s | publish s | notify s | total s | meetings | must-meets placed | breaks | moved | peak memory |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var (startups, delegates) in Option("--sizes") is null ? [(2000, 400)] : sizes)
        await Matchmaker.Benchmarks.BatchBenchmark.RunAsync(startups, delegates, seed: 1);
    return 0;
}
if (mode == "week")
{
    foreach (var (startups, delegates) in Option("--sizes") is null ? [(2000, 400)] : sizes)
        await Matchmaker.Benchmarks.EventWeekBenchmark.RunAsync(startups, delegates, seed, Option("--out"),
            double.Parse(Option("--live-rates") ?? "1", CultureInfo.InvariantCulture));
    return 0;
}
if (mode == "exact-placement")
{
    Matchmaker.Benchmarks.ExactPlacementBenchmark.Run(Option("--sizes") is null ? [(100, 50), (120, 30)] : sizes,
        int.Parse(Option("--days") ?? "1", CultureInfo.InvariantCulture), int.Parse(Option("--slots") ?? "16", CultureInfo.InvariantCulture), eventLimit,
        int.Parse(Option("--seeds") ?? "3", CultureInfo.InvariantCulture), workers, tuning);
    return 0;
}
if (mode == "must-meets")
{
    Matchmaker.Benchmarks.ExactPlacementBenchmark.MustMeetsAtScale(Option("--sizes") is null ? [(500, 100), (2000, 400)] : sizes, eventLimit);
    return 0;
}
if (mode == "matches")
{
    (int, int)? fair = Option("--fair") is { } f ? (int.Parse(f.Split('x')[0], CultureInfo.InvariantCulture), int.Parse(f.Split('x')[1], CultureInfo.InvariantCulture)) : null;
    await Matchmaker.Benchmarks.MatchesLatencyBenchmark.RunAsync(new(new Uri(Option("--url") ?? "http://127.0.0.1:5080"), Option("--event") ?? "demo",
        int.Parse(Option("--concurrency") ?? "100", CultureInfo.InvariantCulture), TimeSpan.FromSeconds(double.Parse(Option("--seconds") ?? "20", CultureInfo.InvariantCulture)),
        double.Parse(Option("--writes") ?? "0", CultureInfo.InvariantCulture), args.Contains("--health"), fair, int.Parse(Option("--rounds") ?? "1", CultureInfo.InvariantCulture)));
    return 0;
}
if (mode == "match-table")
{
    foreach (var (startups, delegates) in Option("--sizes") is null ? [(300, 40), (2000, 400)] : sizes)
        Matchmaker.Benchmarks.MatchTableBenchmark.Run(startups, delegates, int.Parse(Option("--repeats") ?? "5", CultureInfo.InvariantCulture));
    return 0;
}
if (mode == "match-parts")
{
    foreach (var (startups, delegates) in Option("--sizes") is null ? [(4000, 20000)] : sizes)
        Matchmaker.Benchmarks.MatchPartsBenchmark.Run(startups, delegates,
            int.Parse(Option("--candidates") ?? "200", CultureInfo.InvariantCulture), int.Parse(Option("--partition") ?? "2500", CultureInfo.InvariantCulture));
    return 0;
}
if (mode == "load")
{
    var (startups, delegates) = Option("--sizes") is null ? (2000, 400) : sizes[0];
    await Matchmaker.Benchmarks.LoadMixBenchmark.RunAsync(startups, delegates, int.Parse(Option("--nodes") ?? "1", CultureInfo.InvariantCulture),
        (Option("--steps") ?? "25,50,100,200").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
        TimeSpan.FromSeconds(double.Parse(Option("--seconds") ?? "60", CultureInfo.InvariantCulture)),
        TimeSpan.FromSeconds(double.Parse(Option("--alone-seconds") ?? "10", CultureInfo.InvariantCulture)));
    return 0;
}
if (mode == "variants")
{
    Matchmaker.Benchmarks.VariantsBenchmark.Run(data, new ExactSchedulerOptions(fairness, timeLimit, workers, Tuning: tuning), seed, Option("--only"));
    return 0;
}
if (mode == "write-variants")
{
    Matchmaker.Benchmarks.VariantsBenchmark.Write(data, Option("--out") ?? "variants", seed);
    return 0;
}
if (mode is "real" or "all") Real();
if (mode is "synthetic" or "all") Synthetic();
return 0;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindData()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "data", "b2b-scheduling");
        if (Directory.Exists(candidate)) return candidate;
    }
    return Path.Combine("data", "b2b-scheduling");
}

void Real()
{
    var optima = File.ReadAllLines(Path.Combine(data, "optima.csv")).Skip(1)
        .Select(l => l.Split(',')).ToDictionary(f => f[0], f => (Optimum: int.Parse(f[1], CultureInfo.InvariantCulture), MaxSat: f[2], Chuffed: f[3]));
    Console.WriteLine($"### Real B2B instances (d = {fairness}, time limit {timeLimit.ToString(CultureInfo.InvariantCulture)} s each, {workers} CP-SAT workers)");
    Console.WriteLine();
    Console.WriteLine("| instance | published optimum | our breaks | status | independent check | our s | paper MaxSAT s | paper Chuffed s |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    var total = 0.0;
    var atOptimum = 0;
    var files = Directory.GetFiles(Path.Combine(data, "instances"), "*.dzn").Order(StringComparer.Ordinal).ToArray();
    foreach (var file in files)
    {
        var instance = DznReader.ReadFile(file);
        if (Option("--only") is { } only && !instance.Name.Contains(only, StringComparison.Ordinal)) continue;
        var schedule = ExactScheduler.Solve(instance, new ExactSchedulerOptions(Fairness: fairness, TimeLimitSeconds: timeLimit, Workers: workers, Tuning: tuning));
        var check = ScheduleChecker.Check(instance, schedule.Meetings, fairness);
        var known = optima[instance.Name];
        total += schedule.Seconds;
        var checkText = schedule.Meetings.Count == 0 ? "no schedule"
            : check.IsFeasible ? $"feasible, {check.TotalBreaks} breaks, spread {check.Spread}" : $"INVALID: {check.Violations[0]}";
        // The published optima are for d = 2; for another d a proven optimum that passes the check counts.
        var published = fairness == 2 ? known.Optimum.ToString(CultureInfo.InvariantCulture) : "–";
        if (schedule.Status == SolveStatus.Optimal && check.IsFeasible && (fairness != 2 || check.TotalBreaks == known.Optimum)) atOptimum++;
        var breaks = schedule.Breaks?.ToString(CultureInfo.InvariantCulture) ?? "–";
        var bound = schedule.Status == SolveStatus.Optimal ? "" : $" (≥ {Math.Ceiling(schedule.LowerBound).ToString(CultureInfo.InvariantCulture)})";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {instance.Name} | {published} | {breaks}{bound} | {ScheduleJson.StatusText(schedule.Status)} | {checkText} | {schedule.Seconds:F2} | {known.MaxSat} | {known.Chuffed} |"));
    }
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(fairness == 2 ? "At the published optimum" : "Optimal")} with a proof: {atOptimum} of {files.Length}; total {total:F1} s."));
    Console.WriteLine();
}

void Synthetic()
{
    Console.WriteLine($"### Synthetic events (seed 1, 48 slots = 3 days × 16, time limit {eventLimit.ToString(CultureInfo.InvariantCulture)} s)");
    Console.WriteLine();
    Console.WriteLine("| startups × delegates | tables/slot | candidates | must-meets placed | meetings placed | weight | upper bound | weight / bound | breaks | startups min/max meetings | startups without | s | peak working set MB |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var (startups, delegates) in sizes)
    {
        var problem = SyntheticEvent.Generate(startups, delegates, seed: 1);
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var schedule = EventScheduler.Solve(problem, new EventSchedulerOptions(TimeLimitSeconds: eventLimit));
        clock.Stop();
        var s = schedule.Stats;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {startups:N0} × {delegates:N0} | {problem.Tables} | {problem.Candidates.Count:N0} | {s.MustMeetsPlaced} / {s.MustMeets} | {s.Placed:N0} | {s.TotalWeight:F1} | {s.UpperBound:F1} | {100 * s.TotalWeight / s.UpperBound:F1} % | {s.TotalBreaks:N0} | {s.MinMeetingsPerStartup} / {s.MaxMeetingsPerStartup} | {s.StartupsWithoutMeeting} | {clock.Elapsed.TotalSeconds:F1} | {process.PeakWorkingSet64 / (1024 * 1024)} |"));
        var unplacedReasons = schedule.Unplaced.GroupBy(u => u.Reason).Select(g => $"{EventScheduleJson.ReasonText(g.Key)} {g.Count()}");
        if (schedule.Unplaced.Count > 0) Console.Error.WriteLine($"  {startups}x{delegates} unplaced must-meets: {string.Join(", ", unplacedReasons)}");
    }
    Console.WriteLine();
}
