using System.Diagnostics;
using Google.OrTools.Sat;

namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>
/// Places a fixed set of meetings with the fewest total breaks (the B2B problem of Bofill et al., JAIR 2022).
/// <c>Optimal</c> is reported only with a proof, <c>Infeasible</c> only with a reason. The parts:
/// <see cref="SlotDomains"/> (propagation and early infeasibility), <see cref="LowerBounds"/>,
/// <see cref="ExactModel"/> (the CP-SAT model), <see cref="SplitSearch"/> (small models for the choices the
/// full model stalls on), <see cref="UpperBounds"/> (a first schedule and LNS), and this class, the search
/// driver; every setting is in <see cref="ExactTuning"/>. docs/scheduling.md explains the method and
/// docs/benchmarks.md what was tried.
/// </summary>
public static class ExactScheduler
{
    public static B2bSchedule Solve(B2bInstance instance, ExactSchedulerOptions? options = null)
    {
        options ??= new ExactSchedulerOptions();
        var tuning = options.Tuning ?? ExactTuning.Default;
        var clock = Stopwatch.StartNew();

        var (domains, reason) = SlotDomains.Propagate(instance);
        if (domains is null) return Infeasible(instance, reason!, 0, clock);
        var days = LowerBounds.Days(instance, domains, tuning.PatternLimit);
        if (FairnessReason(days, options.Fairness) is { } unfair) return Infeasible(instance, unfair, 0, clock);

        // Until an incumbent has been sought, the proof search also leaves the incumbent's reserve: a search that
        // never gets two breaks above its bound would otherwise end with too little time to find any schedule.
        var context = new SearchContext(instance, domains, days, options, tuning, clock,
            options.TimeLimitSeconds * (1 - tuning.FallbackShare - tuning.IncumbentReserve));
        return Search(context);
    }

    /// <summary>
    /// Linear UNSAT-SAT search on the total breaks, as MaxSAT solvers do, bounded above by an incumbent.
    /// "At most B breaks" is a satisfaction problem whose propagation is strong when B is small (each
    /// participant's day is a table of patterns), while a minimising run gets no useful bound from the LP.
    /// The first feasible B is optimal because every smaller B was refuted: below the lower bound by the
    /// bound (the participants' own minimums, raised by groups once those are refuted), from there on by a
    /// solve. Once two breaks are to spare, a first schedule lowered by LNS gives an incumbent: the search
    /// stops when B reaches it, and the first search proves infeasibility at once when nothing satisfies the
    /// hard constraints (walking B up to its largest value would take as many solves). When a step is undecided the rest of
    /// the time goes to a minimising run from the refuted bound, started from the incumbent: that closes wide
    /// gaps (fixed meetings lift optima far above any cheap bound) better than more steps would.
    /// </summary>
    private static B2bSchedule Search(SearchContext context)
    {
        var (instance, days, options, tuning) = (context.Instance, context.Days, context.Options, context.Tuning);
        var units = LowerBounds.Singles(days).ToList();
        var floor = units.Sum(unit => unit.Least);
        var groups = new List<Unit>();
        var groupsSought = false;
        var incumbentSought = false;
        List<PlacedMeeting>? incumbent = null;
        var upper = int.MaxValue;
        if (options.Hint is { } hint && ScheduleChecker.Check(instance, hint, options.Fairness) is { IsFeasible: true } given)
        {
            (incumbent, upper, incumbentSought) = (hint.ToList(), given.TotalBreaks, true);
            context = context with { SearchEnd = options.TimeLimitSeconds * (1 - tuning.FallbackShare) };
        }
        var budget = floor;
        for (; context.Left > 0.05; budget++)
        {
            if (budget >= upper) return Optimal(context, incumbent!, budget);
            if (budget > floor && !groupsSought)
            {
                groupsSought = true;
                // The own minimums were refuted: look for neighbourhoods that need more (up to a second or
                // two, which most instances never get to pay).
                (units, var lonely) = LowerBounds.Units(context);
                if (lonely is not null) return Infeasible(instance, lonely, budget, context.Clock);
                groups = units.Where(unit => unit.Members.Length > 1).ToList();
                floor = units.Sum(unit => unit.Least);
                budget = Math.Max(budget, floor);
                if (budget >= upper) return Optimal(context, incumbent!, budget);
            }
            var slack = budget - floor;
            context.Trace($"budget {budget} (floor {floor}, slack {slack}, groups {groups.Count})");
            if (groupsSought && slack >= tuning.IncumbentFromSlack && !incumbentSought)
            {
                // The own minimums are refuted: the upward search may have far to go (or the instance has no
                // schedule at all), so a first schedule lowered by LNS gives an upper bound to stop at; when
                // the bound is already the optimum, LNS reaching it ends the search.
                incumbentSought = true;
                var limit = options.TimeLimitSeconds;
                context = context with { SearchEnd = limit * (1 - tuning.FallbackShare) };
                var first = Incumbent(context, budget, Math.Min(context.Left, tuning.FirstScheduleShare * limit), Math.Min(context.Left, tuning.IncumbentShare * limit));
                if (first.Answer is not null) return first.Answer;
                (incumbent, upper) = (first.Schedule, first.Breaks);
                if (budget >= upper) return Optimal(context, incumbent!, budget);
            }
            // The full model first. Where a split can follow (a spare break to place, or groups' excess to
            // share out), it gets a short probe: the split is what decides when the full model stalls on who
            // takes the breaks, and the probe is what decides when the split would have many models that the
            // full model refutes at once. With two or more to spare it gets a bounded step and the minimising
            // run takes over when it is undecided; at the floor without groups, all the time.
            var splittable = slack == 1 || (slack == 0 && groups.Count > 0);
            // A given schedule (a hint) two or more breaks above: a bounded step, so that when it is undecided the
            // minimising run from the hint gets the time (the hint is often far above the bound).
            var farBelowHint = options.Hint is not null && incumbent is not null && upper - budget >= 2;
            double? work = splittable ? tuning.ProbeWork : slack >= 2 || farBelowHint ? tuning.StepWork : null;
            var built = ExactModel.Build(context, budget, new Limits(units, slack));
            var seconds = work is { } w ? Math.Min(context.Left, w * tuning.WallPerWork) : context.Left;
            var solver = Solvers.New(context, seconds, options.Workers, work);
            var status = solver.Solve(built.Model);
            context.Trace($"full model at {budget}: {status}");
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
                return Optimal(context, ExactModel.Extract(instance, built.X, solver), budget);
            if (status == CpSolverStatus.Infeasible)
            {
                if (budget >= built.MaxPossible)
                    return Infeasible(instance, SearchProof, budget, context.Clock);
                continue;
            }
            if (!splittable) break;
            if (groups.Count > 0 && SplitSearch.GroupAttempts(context, units, groups, slack) is { } attempts)
            {
                context.Trace($"{attempts.Count} share models");
                if (slack == 0)
                {
                    var (early, undecided) = SplitSearch.Sweep(context, budget, attempts);
                    if (early is not null) return Optimal(context, early, budget);
                    attempts = undecided;
                }
                var (split, refutedAll) = SplitSearch.Conquer(context, budget, attempts);
                if (split is not null) return Optimal(context, split, budget);
                if (refutedAll) continue;
                break;
            }
            if (slack != 1) break;
            var (found, refuted) = SplitSearch.Conquer(context, budget, SplitSearch.OneMoreBreak(context, units));
            if (found is not null) return Optimal(context, found, budget);
            if (!refuted) break;
        }
        if (incumbent is null && !incumbentSought)
        {
            // The proof search ran out without ever looking for a schedule: look for one now, in the time it
            // left for that (IncumbentReserve) and the fallback, so the caller gets a schedule whenever one is easy to find.
            var left = options.TimeLimitSeconds - context.Clock.Elapsed.TotalSeconds;
            var first = Incumbent(context, budget, Math.Min(left / 2, tuning.FirstScheduleShare * options.TimeLimitSeconds), left / 2);
            if (first.Answer is not null) return first.Answer;
            incumbent = first.Schedule;
        }
        return Minimise(context, budget, incumbent, options.TimeLimitSeconds - context.Clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The first incumbent: a schedule found without regard to breaks, lowered by LNS (<see cref="UpperBounds"/>).
    /// Answer is set when that already decides the instance: no schedule at all (proven by the first search),
    /// or LNS reaching the refuted bound.
    /// </summary>
    private static (B2bSchedule? Answer, List<PlacedMeeting>? Schedule, int Breaks) Incumbent(
        SearchContext context, int refutedBelow, double firstSeconds, double improveSeconds)
    {
        var (first, status) = UpperBounds.First(context, firstSeconds, refutedBelow);
        if (status == CpSolverStatus.Infeasible) return (Infeasible(context.Instance, SearchProof, refutedBelow, context.Clock), null, int.MaxValue);
        if (first is null) return (null, null, int.MaxValue);
        var (improved, breaks) = UpperBounds.Improve(context, first, refutedBelow, improveSeconds);
        if (breaks <= refutedBelow) return (Optimal(context, improved, refutedBelow), null, breaks);
        return (null, improved, breaks);
    }

    /// <summary>
    /// A minimising run for whatever time is left, from the refuted bound and the incumbent: the proof when it
    /// gets there, otherwise the best schedule found (<c>feasible</c>, with the refuted bound), or <c>unknown</c>.
    /// </summary>
    private static B2bSchedule Minimise(SearchContext context, int refutedBelow, List<PlacedMeeting>? incumbent, double seconds)
    {
        var instance = context.Instance;
        // From a given schedule (the event mode's) the run improves on a complete starting point, in the compact
        // model: the pattern tables of a wide range of breaks made a model CP-SAT found nothing in for a minute.
        var fromHint = incumbent is not null;
        var built = ExactModel.Build(context, budget: null, limits: null, atLeast: refutedBelow, hint: incumbent, compact: fromHint);
        var clock = Stopwatch.StartNew();
        if (fromHint) HintEveryVariable(context, built, refutedBelow, incumbent!, seconds / 4);
        var solver = Solvers.New(context, Math.Max(0.1, seconds - clock.Elapsed.TotalSeconds), context.Options.Workers);
        var status = solver.Solve(built.Model);
        context.Trace($"minimising from {refutedBelow}: {status}");
        if (status == CpSolverStatus.Infeasible) return Infeasible(instance, SearchProof, refutedBelow, context.Clock);
        var placed = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? ExactModel.Extract(instance, built.X, solver) : incumbent;
        if (placed is not null && incumbent is not null && placed != incumbent
            && ScheduleChecker.Check(instance, placed, null).TotalBreaks > ScheduleChecker.Check(instance, incumbent, null).TotalBreaks)
            (placed, status) = (incumbent, CpSolverStatus.Feasible);
        if (placed is null)
            return new B2bSchedule(instance.Name, SolveStatus.Unknown, null, refutedBelow, context.Clock.Elapsed.TotalSeconds, []);
        var breaks = ScheduleChecker.Check(instance, placed, null).TotalBreaks;
        var proven = status == CpSolverStatus.Optimal || breaks <= refutedBelow;
        var bound = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? Math.Max(refutedBelow, solver.BestObjectiveBound) : refutedBelow;
        return new B2bSchedule(instance.Name, proven ? SolveStatus.Optimal : SolveStatus.Feasible, breaks, bound,
            context.Clock.Elapsed.TotalSeconds, placed);
    }

    /// <summary>
    /// Hints every variable of a minimising model, not only the meetings' slots: the values the model takes
    /// with the meetings fixed where <paramref name="schedule"/> has them (the same model, solved once, which is
    /// propagation only). On tightly packed days (every table of every slot taken) CP-SAT did not rebuild a
    /// schedule from the slots alone in a minute, and found nothing to improve; from a complete hint its
    /// neighbourhood search starts at once. The model must be the compact one the probe builds.
    /// </summary>
    private static void HintEveryVariable(SearchContext context, BuiltModel built, int atLeast, IReadOnlyList<PlacedMeeting> schedule, double seconds)
    {
        var probe = ExactModel.Build(context, budget: null, limits: null, atLeast: atLeast, compact: true);
        for (var m = 0; m < schedule.Count; m++)
        {
            if (probe.X[m][schedule[m].Slot] is not { } chosen) return;
            probe.Model.Add(chosen == 1);
        }
        var solver = Solvers.New(context, Math.Max(0.1, seconds), workers: 1);
        if (solver.Solve(probe.Model) is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return;
        if (solver.Response?.Solution is not { } values) return;
        var proto = built.Model.Model;
        if (values.Count != proto.Variables.Count) return;
        var hint = new PartialVariableAssignment();
        for (var i = 0; i < values.Count; i++)
        {
            hint.Vars.Add(i);
            hint.Values.Add(values[i]);
        }
        proto.SolutionHint = hint;
        context.Trace("minimising run hinted with every variable");
    }

    private static readonly Infeasibility SearchProof = new(InfeasibilityKind.ProvenBySearch,
        "no schedule satisfies the sessions, forbidden and fixed slots, tables, precedences and fairness together (proven by CP-SAT's search)");

    /// <summary>
    /// Fairness d against the own minimums: a participant with at most one meeting has 0 breaks, so anybody
    /// whose own meetings force more than d breaks makes the instance infeasible.
    /// </summary>
    private static Infeasibility? FairnessReason(Day[] days, int? fairness)
    {
        if (fairness is not { } d) return null;
        var idle = Array.FindIndex(days, day => day.Meetings.Count <= 1);
        if (idle < 0) return null;
        var worst = Enumerable.Range(0, days.Length).MaxBy(p => days[p].MinBreaks);
        if (days[worst].MinBreaks <= d) return null;
        return new Infeasibility(InfeasibilityKind.FairnessUnreachable,
            $"participant {worst + 1} needs at least {days[worst].MinBreaks} breaks for its own meetings, but participant {idle + 1} has at most one meeting (no break) and fairness allows a difference of {d}");
    }

    /// <summary>A schedule within a budget whose budget − 1 was refuted; its breaks are recounted.</summary>
    private static B2bSchedule Optimal(SearchContext context, List<PlacedMeeting> placed, int budget) =>
        new(context.Instance.Name, SolveStatus.Optimal, ScheduleChecker.Check(context.Instance, placed, null).TotalBreaks, budget,
            context.Clock.Elapsed.TotalSeconds, placed);

    private static B2bSchedule Infeasible(B2bInstance instance, Infeasibility reason, int bound, Stopwatch clock) =>
        new(instance.Name, SolveStatus.Infeasible, null, bound, clock.Elapsed.TotalSeconds, [], reason);
}
