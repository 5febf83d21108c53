using Google.OrTools.Sat;

namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>
/// Upper bounds: a first schedule found fast, then improved by large neighbourhood search (LNS). Why: the
/// lower bound is often right long before a schedule is known (fixed meetings lift optima far above what a
/// pattern table with few breaks allows, so "at most B" models and a minimising run over the full model
/// found nothing in 10 s), and without a schedule the caller gets nothing at all. A model that only has to
/// place the meetings (breaks counted compactly, no objective) finds one in a fraction of a second; small
/// models that free a part of it and keep the rest in place then lower its breaks quickly.
/// </summary>
internal static class UpperBounds
{
    /// <summary>The best schedule so far and its recount.</summary>
    private sealed record Incumbent(List<PlacedMeeting> Schedule, ScheduleCheck Check);

    /// <summary>
    /// A first schedule that keeps every hard constraint and the fairness, with no regard to its breaks: the
    /// compact model, stopped at its first solution. (Holding every unit near its least breaks instead, with the
    /// day-pattern tables, found nothing in 1 s on forum-13-fixed020, where this takes 0.1–0.3 s.) Null when
    /// none was found in the time given; the status says whether the search proved that no schedule exists.
    /// </summary>
    public static (List<PlacedMeeting>? Schedule, CpSolverStatus Status) First(SearchContext context, double seconds, int atLeast)
    {
        var anyBreaks = ExactModel.Build(context, budget: null, limits: null, atLeast: atLeast, compact: true);
        var (schedule, status) = FirstSolution(context, anyBreaks, seconds);
        context.Trace($"first schedule: {status}{(schedule is null ? "" : $", {ScheduleChecker.Check(context.Instance, schedule, null).TotalBreaks} breaks")}");
        return (schedule, status);
    }

    private static (List<PlacedMeeting>? Schedule, CpSolverStatus Status) FirstSolution(SearchContext context, BuiltModel built, double seconds)
    {
        var solver = Solvers.New(context, seconds, context.Options.Workers);
        solver.StringParameters += " stop_after_first_solution:true";
        var status = solver.Solve(built.Model);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible
            ? (ExactModel.Extract(context.Instance, built.X, solver), status)
            : (null, status);
    }

    /// <summary>
    /// Lowers the breaks of <paramref name="schedule"/> by large neighbourhood search until
    /// <paramref name="seconds"/> have passed or it reaches <paramref name="refutedBelow"/> (then it is optimal).
    /// Each step frees the meetings of a neighbourhood, keeps every other meeting in its slot, and minimises
    /// over what was freed, starting from the current schedule (so a step never makes it worse). The
    /// neighbourhoods are general: a participant with breaks and some of its partners (where the breaks are),
    /// or every meeting in a window of consecutive slots (where the tables are scarce). Their size adapts: a
    /// step that is solved to optimality in its work grows the next, one that is not shrinks it. Two streams
    /// of steps run side by side, one CP-SAT worker each (the steps are small: a portfolio would mostly wait
    /// on its presolve), sharing the best schedule.
    /// </summary>
    public static (List<PlacedMeeting> Schedule, int Breaks) Improve(
        SearchContext context, List<PlacedMeeting> schedule, int refutedBelow, double seconds)
    {
        var (instance, days, tuning) = (context.Instance, context.Days, context.Tuning);
        var end = context.Clock.Elapsed.TotalSeconds + seconds;
        var best = new Incumbent(schedule, ScheduleChecker.Check(instance, schedule, null));
        var gate = new object();
        var steps = 0;
        var streams = Math.Max(1, tuning.LnsStreams);
        Parallel.For(0, streams, new ParallelOptions { MaxDegreeOfParallelism = streams }, stream =>
        {
            var random = new Random(context.Options.Seed * streams + stream);
            var share = tuning.LnsShare;
            while (end - context.Clock.Elapsed.TotalSeconds > 0.05)
            {
                var current = Volatile.Read(ref best);
                if (current.Check.TotalBreaks <= refutedBelow) return;
                var step = Interlocked.Increment(ref steps);
                var free = random.Next(2) == 0
                    ? AroundParticipant(instance, days, current.Check.Breaks, share, random)
                    : SlotWindow(instance, current.Schedule, share, random);
                if (Pinned(context, current.Schedule, free) is not { } local) continue;
                var built = ExactModel.Build(local, budget: null, limits: null, atLeast: refutedBelow, hint: current.Schedule);
                var left = end - context.Clock.Elapsed.TotalSeconds;
                var solver = Solvers.New(context, Math.Min(left, tuning.LnsWork * tuning.WallPerWork), workers: 1, tuning.LnsWork, step);
                var status = solver.Solve(built.Model);
                if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
                {
                    var next = ExactModel.Extract(instance, built.X, solver);
                    var check = ScheduleChecker.Check(instance, next, null);
                    lock (gate)
                        if (check.TotalBreaks < best.Check.TotalBreaks || (check.TotalBreaks == best.Check.TotalBreaks && ReferenceEquals(best.Schedule, current.Schedule)))
                        {
                            if (check.TotalBreaks < best.Check.TotalBreaks)
                                context.Trace($"LNS step {step} ({free.Count} meetings free): {best.Check.TotalBreaks} → {check.TotalBreaks}");
                            Volatile.Write(ref best, new Incumbent(next, check));
                        }
                }
                // Solved to optimality within its work: the neighbourhood was too small to improve on; undecided: too big.
                share = status == CpSolverStatus.Optimal ? Math.Min(0.9, share * 1.25) : Math.Max(0.05, share / 1.25);
            }
        });
        context.Trace($"LNS: {best.Check.TotalBreaks} breaks after {steps} steps");
        return (best.Schedule, best.Check.TotalBreaks);
    }

    /// <summary>
    /// The instance with every meeting outside <paramref name="free"/> fixed where the schedule has it, propagated
    /// again: the freed meetings lose the slots their participants' kept meetings and full slots take, so the
    /// step's model is small (a few slots per freed meeting, short day patterns) and CP-SAT spends its time
    /// searching instead of presolving hundreds of pinned variables. Null if propagation fails, which a
    /// feasible schedule rules out; kept as a guard.
    /// </summary>
    private static SearchContext? Pinned(SearchContext context, IReadOnlyList<PlacedMeeting> schedule, HashSet<int> free)
    {
        var instance = context.Instance;
        var slots = Enumerable.Range(0, schedule.Count).Select(m => free.Contains(m) ? instance.Fixed[m] : schedule[m].Slot).ToArray();
        var pinned = instance with { Fixed = slots };
        var (domains, _) = SlotDomains.Propagate(pinned);
        if (domains is null) return null;
        return context with { Instance = pinned, Domains = domains, Days = LowerBounds.Days(pinned, domains, context.Tuning.PatternLimit) };
    }

    /// <summary>
    /// The meetings of a participant with breaks (drawn with weight by its breaks) and of as many of its
    /// partners, in random order, as fit the share: freeing a participant alone rarely helps, because its
    /// partners' meetings pin it.
    /// </summary>
    private static HashSet<int> AroundParticipant(B2bInstance instance, Day[] days, IReadOnlyList<int> breaks, double share, Random random)
    {
        var target = Math.Max(2, (int)(share * instance.Meetings.Count));
        var total = breaks.Sum();
        var centre = random.Next(instance.Participants);
        if (total > 0)
        {
            var pick = random.Next(total);
            for (var p = 0; p < breaks.Count; p++)
            {
                pick -= breaks[p];
                if (pick < 0) { centre = p; break; }
            }
        }
        var free = new HashSet<int>(days[centre].Meetings);
        var partners = days[centre].Meetings
            .Select(m => instance.Meetings[m].A - 1 == centre ? instance.Meetings[m].B - 1 : instance.Meetings[m].A - 1)
            .OrderBy(_ => random.Next()).ToList();
        foreach (var partner in partners)
        {
            if (free.Count >= target) break;
            free.UnionWith(days[partner].Meetings);
        }
        return free;
    }

    /// <summary>Every meeting in a random window of consecutive slots holding about the share of the meetings.</summary>
    private static HashSet<int> SlotWindow(B2bInstance instance, IReadOnlyList<PlacedMeeting> schedule, double share, Random random)
    {
        var width = Math.Clamp((int)Math.Round(share * instance.Slots), 2, instance.Slots);
        var from = 1 + random.Next(instance.Slots - width + 1);
        var free = new HashSet<int>();
        for (var m = 0; m < schedule.Count; m++)
            if (schedule[m].Slot >= from && schedule[m].Slot < from + width) free.Add(m);
        return free;
    }
}
