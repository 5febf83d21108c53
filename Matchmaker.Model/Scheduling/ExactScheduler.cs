using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace Matchmaker.Model.Scheduling;

/// <summary>Limits of one exact solve.</summary>
/// <param name="Fairness">Largest allowed difference between two participants' breaks; null = no bound.</param>
/// <param name="Workers">
/// CP-SAT workers. 4 on the 2-core benchmark machine: CP-SAT's 4-worker portfolio holds subsolvers the
/// 2-worker one lacks, and measured faster here (tic-13crafc proven in 2 s instead of no proof in 10 s).
/// </param>
public sealed record ExactSchedulerOptions(int? Fairness = 2, double TimeLimitSeconds = 60, int Workers = 4, int Seed = 0);

/// <summary>
/// Places a fixed set of meetings with the fewest total breaks (CP-SAT). <c>Optimal</c> is reported only
/// when CP-SAT proves it. Tables are interchangeable, so the model only counts meetings per slot and the
/// tables are numbered afterwards; that removes a whole dimension of symmetry.
/// </summary>
public static class ExactScheduler
{
    public static B2bSchedule Solve(B2bInstance instance, ExactSchedulerOptions? options = null)
    {
        options ??= new ExactSchedulerOptions();
        var clock = Stopwatch.StartNew();
        if (Enumerable.Range(0, instance.Meetings.Count).Any(m => !Enumerable.Range(1, instance.Slots).Any(t => instance.Allows(m, t))))
            return new B2bSchedule(instance.Name, SolveStatus.Infeasible, null, 0, clock.Elapsed.TotalSeconds, []);

        // Linear UNSAT-SAT search on the total breaks, as MaxSAT solvers do. "At most B breaks" is a
        // satisfaction problem whose propagation is strong when B is small (each participant's day is
        // a table of patterns), while a minimising run gets no useful bound from the LP. The first
        // feasible B is optimal because every smaller B was refuted: below the sum of the participants'
        // own minimum breaks by that bound, from there on by a solve.
        var days = Days(instance);
        var floor = days.Sum(day => day.MinBreaks);
        var searchEnd = options.TimeLimitSeconds * (1 - FallbackShare);
        var budget = floor;
        for (; clock.Elapsed.TotalSeconds < searchEnd - 0.05; budget++)
        {
            var slack = budget - floor;
            // With one break to spare the full model bogs down in deciding who takes it, so it gets a
            // short probe first; then the choice is split into small models (OneMoreBreak).
            var (model, x, maxPossible) = Build(instance, days, options.Fairness, budget, slack);
            var solver = NewSolver(options, searchEnd - clock.Elapsed.TotalSeconds, options.Workers, slack == 1 ? ProbeWork : null);
            var status = solver.Solve(model);
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
                return Proven(instance, x, solver, budget, clock);
            if (status == CpSolverStatus.Infeasible)
            {
                if (budget >= maxPossible)
                    return new B2bSchedule(instance.Name, SolveStatus.Infeasible, null, budget, clock.Elapsed.TotalSeconds, []);
                continue;
            }
            if (slack != 1) break;
            var (found, refuted) = OneMoreBreak(instance, days, options, budget, searchEnd, clock);
            if (found is not null)
                return new B2bSchedule(instance.Name, SolveStatus.Optimal, ScheduleChecker.Check(instance, found, null).TotalBreaks,
                    budget, clock.Elapsed.TotalSeconds, found);
            if (!refuted) break;
        }

        // Out of time for a proof: a minimising run for the best schedule it can find, so the caller
        // still gets a usable answer; its bound is what the search above refuted.
        {
            var (model, x, _) = Build(instance, days, options.Fairness, budget: null, slack: null);
            var solver = NewSolver(options, Math.Max(0.1, options.TimeLimitSeconds - clock.Elapsed.TotalSeconds), options.Workers);
            var status = solver.Solve(model);
            if (status == CpSolverStatus.Infeasible)
                return new B2bSchedule(instance.Name, SolveStatus.Infeasible, null, budget, clock.Elapsed.TotalSeconds, []);
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
                return new B2bSchedule(instance.Name, SolveStatus.Unknown, null, budget, clock.Elapsed.TotalSeconds, []);
            var placed = Extract(instance, x, solver);
            var breaks = ScheduleChecker.Check(instance, placed, null).TotalBreaks;
            var proven = status == CpSolverStatus.Optimal || breaks <= budget;
            return new B2bSchedule(instance.Name, proven ? SolveStatus.Optimal : SolveStatus.Feasible, breaks,
                Math.Max(budget, solver.BestObjectiveBound), clock.Elapsed.TotalSeconds, placed);
        }
    }

    /// <summary>Share of the time limit kept for a fallback schedule when the proof search runs out.</summary>
    private const double FallbackShare = 0.15;

    /// <summary>Deterministic seconds the full model gets at one spare break before the choice is split.</summary>
    private const double ProbeWork = 0.5;

    /// <param name="work">
    /// CP-SAT's deterministic time limit, for the short tries: unlike seconds it does not shrink when other
    /// processes share the cores, so the search takes the same path on a busy machine.
    /// </param>
    /// <param name="seedOffset">Added to the seed, for another independent try of the same model.</param>
    private static CpSolver NewSolver(ExactSchedulerOptions options, double seconds, int workers, double? work = null, int seedOffset = 0) => new()
    {
        StringParameters = string.Create(CultureInfo.InvariantCulture,
            $"max_time_in_seconds:{Math.Max(0.01, seconds)} num_workers:{workers} random_seed:{options.Seed + seedOffset}")
            + (work is { } w ? string.Create(CultureInfo.InvariantCulture, $" max_deterministic_time:{w}") : ""),
    };

    private static B2bSchedule Proven(B2bInstance instance, BoolVar?[][] x, CpSolver solver, int budget, Stopwatch clock)
    {
        var placed = Extract(instance, x, solver);
        var breaks = ScheduleChecker.Check(instance, placed, null).TotalBreaks;
        return new B2bSchedule(instance.Name, SolveStatus.Optimal, breaks, budget, clock.Elapsed.TotalSeconds, placed);
    }

    /// <summary>
    /// "At most <paramref name="budget"/> breaks" when that is one more than the sum of the participants' own
    /// minimum breaks: then exactly one participant may exceed its minimum, by one. Leaving that choice open
    /// makes every participant's table large and the search stalls; fixing it makes small models that
    /// solve or fail fast. So the choice is split: a group of candidates at a time may take the spare break
    /// (a group that fails clears all its members at once), and the members of a group that neither fails
    /// nor solves in time are tried one by one. Only participants with two or more meetings and room for
    /// another break are candidates, and every one of them stays covered until refuted, so when all fail
    /// the budget is refuted.
    /// </summary>
    /// <returns>A schedule within the budget, or null with whether every candidate was refuted.</returns>
    private static (List<PlacedMeeting>? Found, bool Refuted) OneMoreBreak(
        B2bInstance instance, Day[] days, ExactSchedulerOptions options, int budget, double searchEnd, Stopwatch clock)
    {
        // Those whose meetings all have a fixed session first: they have the least freedom to dodge a break
        // that the tables force, and on ticf-13crafc and forum-13crafc the few participants that can take
        // the break are among them (with meetings-count order alone they came after hard candidates that
        // used up the time). Fewer meetings first within that: their models fail or solve fast, while the
        // busiest ones tend to neither fail nor solve in a short try. The order only decides how soon a
        // schedule is found; a refutation still needs every candidate.
        var candidates = Enumerable.Range(0, days.Length)
            .Where(p => days[p].Meetings.Count > 1 && days[p].MinBreaks < days[p].Meetings.Count - 1)
            .OrderByDescending(p => days[p].Meetings.All(m => instance.Meetings[m].Session != Session.Either))
            .ThenBy(p => days[p].Meetings.Count).ThenBy(p => p).ToList();
        var pending = new LinkedList<(List<int> Group, double Work, int Try)>(
            candidates.Chunk(GroupSize).Select(group => (group.ToList(), GroupWork, 0)));
        while (pending.First is { } first)
        {
            var item = first.Value;
            pending.RemoveFirst();
            var left = searchEnd - clock.Elapsed.TotalSeconds;
            if (left <= 0.05) return (null, false);
            var (model, x, _) = Build(instance, days, options.Fairness, budget, slack: 0, spare: item.Group.ToHashSet());
            // Wall time as well: on two cores four workers can spend far more seconds than work units.
            var solver = NewSolver(options, Math.Min(left, WallPerWork * item.Work), options.Workers, item.Work, item.Try);
            var status = solver.Solve(model);
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible) return (Extract(instance, x, solver), false);
            if (status == CpSolverStatus.Infeasible) continue;
            if (item.Group.Count == 1)
            {
                // CP-SAT's time to a schedule on these small models varies a lot from run to run with four
                // workers on two cores (ticf-13crafc's taker of the break: a schedule after 1.5–2 s in most
                // runs, none within its 2 units in roughly one run of four, then found in 1.5–2.5 s with
                // another seed), so an undecided single first gets one more try at once with another seed;
                // after that it waits for the end with twice the time.
                if (item.Try == 0) pending.AddFirst(([item.Group[0]], item.Work, 1));
                else pending.AddLast(([item.Group[0]], item.Work * 2, item.Try + 1));
                continue;
            }
            // A group that neither fails nor solves quickly holds a likely candidate or a hard one: its
            // members are tried one by one next, before the other groups, each with time for a schedule.
            for (var i = item.Group.Count - 1; i >= 0; i--) pending.AddFirst(([item.Group[i]], SingleWork, 0));
        }
        return (null, true);
    }

    /// <summary>
    /// Candidates tried together for the spare break, and the deterministic seconds a group and a single
    /// candidate get (measured on the real instances: a failing group of four takes about 0.2; a single
    /// participant that can take the break reaches a schedule in 0.6–2). A single one left open gets a second
    /// try with another seed, then is retried at the end with twice the time. The wall-clock cap is a
    /// multiple of the work: with four workers on two cores the wall clock can stop a try before its work
    /// limit, and at 1.25 s per unit the participant that takes ticf-13crafc's break sometimes missed its
    /// schedule on a busy machine.
    /// </summary>
    private const int GroupSize = 4;
    private const double GroupWork = 0.5;
    private const double SingleWork = 2.0;
    private const double WallPerWork = 2.0;

    private static List<PlacedMeeting> Extract(B2bInstance instance, BoolVar?[][] x, CpSolver solver)
    {
        var placed = new List<PlacedMeeting>(instance.Meetings.Count);
        var nextTable = new int[instance.Slots + 1];
        for (var m = 0; m < instance.Meetings.Count; m++)
        {
            var slot = Enumerable.Range(1, instance.Slots).First(t => x[m][t] is { } v && solver.BooleanValue(v));
            var meeting = instance.Meetings[m];
            placed.Add(new PlacedMeeting(meeting.A, meeting.B, slot, ++nextTable[slot]));
        }
        return placed;
    }

    /// <summary>The model "all meetings placed with at most <paramref name="budget"/> breaks in total".</summary>
    /// <returns>The model, its x[m][t] literals, and the most breaks any schedule could have.</returns>
    /// <param name="budget">Null: no bound, minimise the total breaks instead.</param>
    /// <param name="slack">
    /// Budget minus the sum of the participants' own minimum breaks: nobody can exceed its minimum by more,
    /// since everybody else needs at least theirs. Null: no such limit.
    /// </param>
    /// <param name="spare">Participants (0-based) allowed one break above their minimum plus the slack.</param>
    private static (CpModel Model, BoolVar?[][] X, int MaxPossible) Build(
        B2bInstance instance, Day[] days, int? fairness, int? budget, int? slack, IReadOnlySet<int>? spare = null)
    {
        var model = new CpModel();
        var meetingCount = instance.Meetings.Count;
        var slots = instance.Slots;

        var x = new BoolVar?[meetingCount][];
        for (var m = 0; m < meetingCount; m++)
        {
            x[m] = new BoolVar?[slots + 1];
            var allowed = new List<BoolVar>();
            for (var t = 1; t <= slots; t++)
                if (instance.Allows(m, t)) allowed.Add(x[m][t] = model.NewBoolVar($"x{m}_{t}"));
            model.AddExactlyOne(allowed);
        }

        for (var t = 1; t <= slots; t++)
        {
            var inSlot = Enumerable.Range(0, meetingCount).Select(m => x[m][t]).OfType<BoolVar>().ToList();
            if (inSlot.Count > instance.Tables) model.Add(LinearExpr.Sum(inSlot) <= instance.Tables);
        }

        var meetingsOf = days.Select(day => day.Meetings).ToArray();
        var breaksOf = new LinearExpr?[instance.Participants];
        var busyInSlot = Enumerable.Range(0, slots + 1).Select(_ => new List<BoolVar>()).ToArray();
        var maxPossible = 0;
        // Fairness: a participant with at most one meeting has 0 breaks, so then nobody may exceed d.
        var cap = Math.Min(budget ?? int.MaxValue,
            fairness is { } d && meetingsOf.Any(mine => mine.Count <= 1) ? d : int.MaxValue);
        for (var p = 0; p < instance.Participants; p++)
        {
            var mine = meetingsOf[p];
            // busy[t] is a literal telling whether p meets in slot t (null: it cannot).
            var busy = new BoolVar?[slots + 1];
            for (var t = 1; t <= slots; t++)
            {
                var here = mine.Select(m => x[m][t]).OfType<BoolVar>().ToList();
                if (here.Count == 0) continue;
                if (here.Count == 1) { busy[t] = here[0]; continue; }
                var b = model.NewBoolVar($"busy{p}_{t}");
                model.Add(LinearExpr.Sum(here) == b);
                busy[t] = b;
            }
            for (var t = 1; t <= slots; t++)
                if (busy[t] is { } b) busyInSlot[t].Add(b);
            if (mine.Count <= 1) continue;
            maxPossible += mine.Count - 1;
            var allowedBreaks = Math.Min(cap, mine.Count - 1);
            if (slack is { } spareBreaks)
                allowedBreaks = Math.Min(allowedBreaks, days[p].MinBreaks + spareBreaks + (spare?.Contains(p) == true ? 1 : 0));
            var open = days[p].Open;
            var patterns = days[p].PatternsUpTo(instance, allowedBreaks);
            if (patterns is not null)
            {
                // The participant's whole day as one table constraint: the solver then removes every
                // slot value that no pattern with few enough breaks supports.
                var breaksVar = model.NewIntVar(0, allowedBreaks, $"breaks{p}");
                var table = model.AddAllowedAssignments(open.Select(t => (LinearExpr)busy[t]!).Append(breaksVar));
                foreach (var pattern in patterns) table.AddTuple(pattern);
                breaksOf[p] = breaksVar;
                continue;
            }
            // Implied by the meetings, but stating it lets the solver see a participant's load at once.
            model.Add(LinearExpr.Sum(busy.OfType<BoolVar>()) == mine.Count);

            // start[t] = busy[t] and not busy[t-1], exactly: an overcount could fake fairness.
            var starts = new List<BoolVar>();
            for (var t = 1; t <= slots; t++)
            {
                if (busy[t] is not { } now) continue;
                var s = model.NewBoolVar($"start{p}_{t}");
                model.AddImplication(s, now);
                if (busy[t - 1] is { } before)
                {
                    model.AddImplication(s, before.Not());
                    model.AddBoolOr([s, now.Not(), before]);
                }
                else model.Add(s == now);
                starts.Add(s);
            }
            var blocks = LinearExpr.Sum(starts);
            model.Add(blocks >= 1 + days[p].MinBreaks);
            model.Add(blocks <= 1 + allowedBreaks);
            breaksOf[p] = blocks - 1;
        }
        // Each meeting keeps two participants busy: the table limit seen from the participants' side,
        // where the day patterns live.
        for (var t = 1; t <= slots; t++)
            if (busyInSlot[t].Count > 2 * instance.Tables)
                model.Add(LinearExpr.Sum(busyInSlot[t]) <= 2 * instance.Tables);
        var withBreaks = breaksOf.OfType<LinearExpr>().ToList();
        if (withBreaks.Count > 0 && budget is { } most) model.Add(LinearExpr.Sum(withBreaks) <= most);
        if (withBreaks.Count > 0 && budget is null) model.Minimize(LinearExpr.Sum(withBreaks));

        if (fairness is { } spread && !meetingsOf.Any(mine => mine.Count <= 1))
        {
            var maxBreaks = model.NewIntVar(0, slots, "maxBreaks");
            var minBreaks = model.NewIntVar(0, slots, "minBreaks");
            foreach (var breaks in breaksOf.OfType<LinearExpr>())
            {
                model.Add(breaks <= maxBreaks);
                model.Add(breaks >= minBreaks);
            }
            model.Add(maxBreaks - minBreaks <= spread);
        }

        for (var m = 0; m < meetingCount; m++)
            foreach (var before in instance.Precedences[m])
                model.Add(SlotOf(x[before - 1]) + 1 <= SlotOf(x[m]));

        return (model, x, maxPossible);
    }

    /// <summary>One participant's meetings (0-based), the slots any of them may take, and its own minimum breaks.</summary>
    private sealed record Day(List<int> Meetings, int[] Open, int MinBreaks)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, List<long[]>?> patterns = new();

        /// <summary>The day patterns with at most <paramref name="breaks"/> breaks that its meetings fit; null above the limit.</summary>
        /// <remarks>Cached: the search builds many models over the same participants.</remarks>
        public List<long[]>? PatternsUpTo(B2bInstance instance, int breaks) => patterns.GetOrAdd(breaks, most =>
            Patterns(Open, Meetings.Count, most, PatternLimit)?.Where(pattern => Matchable(instance, Meetings, Open, pattern)).ToList());
    }

    /// <summary>
    /// Each participant's day on its own: the fewest breaks it can have counting only its own meetings'
    /// sessions and forbidden slots (a pattern needs a slot for each meeting, a perfect matching). The sum is
    /// a lower bound on the total that costs no search, and a participant whose meetings cannot sit back to
    /// back is known to break before any solve.
    /// </summary>
    private static Day[] Days(B2bInstance instance)
    {
        var meetingsOf = Enumerable.Range(0, instance.Participants).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < instance.Meetings.Count; m++)
        {
            meetingsOf[instance.Meetings[m].A - 1].Add(m);
            meetingsOf[instance.Meetings[m].B - 1].Add(m);
        }
        return meetingsOf.Select(mine =>
        {
            var open = Enumerable.Range(1, instance.Slots).Where(t => mine.Any(m => instance.Allows(m, t))).ToArray();
            var least = 0;
            for (; least < mine.Count - 1; least++)
            {
                var patterns = Patterns(open, mine.Count, least, PatternLimit);
                // Too many to check: "at least this many" is still true, as every smaller count failed.
                if (patterns is null) break;
                if (patterns.Any(pattern => Matchable(instance, mine, open, pattern))) break;
            }
            return new Day(mine, open, least);
        }).ToArray();
    }

    /// <summary>Whether the participant's meetings fit the busy slots of the pattern, one each (augmenting paths).</summary>
    private static bool Matchable(B2bInstance instance, List<int> mine, int[] open, long[] pattern)
    {
        var busy = new List<int>(mine.Count);
        for (var i = 0; i < open.Length; i++)
            if (pattern[i] == 1) busy.Add(open[i]);
        var holder = new int[busy.Count];
        Array.Fill(holder, -1);
        bool Place(int meeting, bool[] tried)
        {
            for (var j = 0; j < busy.Count; j++)
            {
                if (tried[j] || !instance.Allows(mine[meeting], busy[j])) continue;
                tried[j] = true;
                if (holder[j] < 0 || Place(holder[j], tried))
                {
                    holder[j] = meeting;
                    return true;
                }
            }
            return false;
        }
        for (var meeting = 0; meeting < mine.Count; meeting++)
            if (!Place(meeting, new bool[busy.Count])) return false;
        return true;
    }

    /// <summary>Above this many day patterns a participant's breaks are counted with start literals instead.</summary>
    private const int PatternLimit = 4000;

    /// <summary>
    /// Every way to be busy in exactly <paramref name="count"/> of the <paramref name="open"/> slots with at
    /// most <paramref name="maxBreaks"/> breaks, each as 0/1 per open slot followed by its breaks;
    /// null when there are more than <paramref name="limit"/>.
    /// </summary>
    internal static List<long[]>? Patterns(int[] open, int count, int maxBreaks, int limit)
    {
        var result = new List<long[]>();
        var current = new long[open.Length + 1];
        bool Walk(int i, int placed, int breaks, int lastSlot)
        {
            if (placed == count)
            {
                var tuple = (long[])current.Clone();
                tuple[open.Length] = breaks;
                result.Add(tuple);
                return result.Count <= limit;
            }
            if (open.Length - i < count - placed) return true;
            // Busy at open[i]: a break when the previous meeting is not in the slot just before.
            var newBreaks = breaks + (placed > 0 && open[i] != lastSlot + 1 ? 1 : 0);
            if (newBreaks <= maxBreaks)
            {
                current[i] = 1;
                if (!Walk(i + 1, placed + 1, newBreaks, open[i])) return false;
                current[i] = 0;
            }
            return Walk(i + 1, placed, breaks, lastSlot);
        }
        return Walk(0, 0, 0, -1) ? result : null;
    }

    private static LinearExpr SlotOf(BoolVar?[] row)
    {
        var builder = LinearExpr.NewBuilder();
        for (var t = 1; t < row.Length; t++)
            if (row[t] is { } v) builder.AddTerm(v, t);
        return builder;
    }
}
