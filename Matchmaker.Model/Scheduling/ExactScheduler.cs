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
        // feasible B is optimal because every smaller B was refuted: below the lower bound by the bound
        // (the participants' own minimums, raised by groups once those are refuted), from there on by a solve.
        var days = Days(instance);
        var searchEnd = options.TimeLimitSeconds * (1 - FallbackShare);
        var units = Enumerable.Range(0, days.Length).Where(p => days[p].Meetings.Count > 1)
            .Select(p => new Unit([p], days[p].MinBreaks)).ToList();
        var floor = units.Sum(unit => unit.Least);
        var groups = new List<Unit>();
        var groupsSought = false;
        var budget = floor;
        for (; clock.Elapsed.TotalSeconds < searchEnd - 0.05; budget++)
        {
            if (budget > floor && !groupsSought)
            {
                groupsSought = true;
                // The participants' own minimums were refuted: look for neighbourhoods that need more (only
                // now, as it costs up to a second or two and most instances never get here).
                units = Units(instance, days, options, clock, searchEnd);
                groups = units.Where(unit => unit.Members.Length > 1).ToList();
                floor = units.Sum(unit => unit.Least);
                budget = Math.Max(budget, floor);
            }
            var slack = budget - floor;
            if (groups.Count > 0 && slack <= 1 && GroupAttempts(instance, days, units, groups, options.Fairness, slack) is { } attempts)
            {
                // A group's excess can fall on any of its members, and leaving that open stalls the search
                // as a spare break does: so each way to share it out is a model of its own.
                if (slack == 0)
                {
                    var (early, undecided) = Sweep(instance, days, options, budget, attempts, searchEnd, clock);
                    if (early is not null) return Optimal(instance, early, budget, clock);
                    attempts = undecided;
                }
                var (split, refutedAll) = Conquer(instance, days, options, budget, attempts, searchEnd, clock);
                if (split is not null) return Optimal(instance, split, budget, clock);
                if (refutedAll) continue;
                break;
            }
            // With one break to spare the full model bogs down in deciding who takes it, so it gets a
            // short probe first; then the choice is split into small models (OneMoreBreak).
            var (model, x, maxPossible) = Build(instance, days, options.Fairness, budget, new Limits(units, slack));
            var solver = NewSolver(options, searchEnd - clock.Elapsed.TotalSeconds, options.Workers, slack == 1 ? ProbeWork : null);
            var status = solver.Solve(model);
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
                return Optimal(instance, Extract(instance, x, solver), budget, clock);
            if (status == CpSolverStatus.Infeasible)
            {
                if (budget >= maxPossible)
                    return new B2bSchedule(instance.Name, SolveStatus.Infeasible, null, budget, clock.Elapsed.TotalSeconds, []);
                continue;
            }
            if (slack != 1) break;
            var (found, refuted) = Conquer(instance, days, options, budget, OneMoreBreak(instance, days, units), searchEnd, clock);
            if (found is not null) return Optimal(instance, found, budget, clock);
            if (!refuted) break;
        }

        // Out of time for a proof: a minimising run for the best schedule it can find, so the caller
        // still gets a usable answer; its bound is what the search above refuted.
        {
            var (model, x, _) = Build(instance, days, options.Fairness, budget: null, limits: null);
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

    /// <summary>
    /// Share of the time limit kept for a fallback schedule when the proof search runs out: 3 s of the
    /// default 60. (It was 0.15; on the real instances the fallback only ever mattered where it found
    /// nothing either, while the proof of forum-13crafb needs about 9.2 s of a 10 s limit.)
    /// </summary>
    private const double FallbackShare = 0.05;

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

    /// <summary>A schedule within a budget whose budget − 1 was refuted; its breaks are recounted.</summary>
    private static B2bSchedule Optimal(B2bInstance instance, List<PlacedMeeting> placed, int budget, Stopwatch clock) =>
        new(instance.Name, SolveStatus.Optimal, ScheduleChecker.Check(instance, placed, null).TotalBreaks, budget,
            clock.Elapsed.TotalSeconds, placed);

    /// <summary>One small model of a split search: the limits it holds everybody to and the work it gets.</summary>
    /// <param name="Try">How many times this model was tried before (each retry gets another CP-SAT seed).</param>
    private sealed record Attempt(Limits Limits, double Work, int Try = 0);

    /// <summary>
    /// "At most <paramref name="budget"/> breaks" when that is one more than the sum of the units' least
    /// breaks: then exactly one unit may exceed its least, by one. Leaving that choice open makes every
    /// participant's table large and the search stalls; fixing it makes small models that solve or fail
    /// fast. So the choice is split: a batch of candidate units at a time may take the spare break (a batch
    /// that fails clears all its units at once), and the units of a batch that neither fails nor solves in
    /// time are tried one by one (<see cref="Conquer"/>). Only units with a member that has room for another
    /// break are candidates, and every one of them is covered, so when all fail the budget is refuted.
    /// </summary>
    private static IEnumerable<Attempt> OneMoreBreak(B2bInstance instance, Day[] days, IReadOnlyList<Unit> units) =>
        SpareCandidates(instance, days, units, units).Chunk(BatchSize)
            .Select(batch => new Attempt(new Limits(units, Slack: 0, batch), BatchWork));

    /// <summary>
    /// The units of <paramref name="among"/> that could take a spare break, in the order to try them.
    /// Groups first: their meetings are the ones known to force breaks. Then participants with a meeting
    /// bound to the morning and one bound to the afternoon: without a break they must meet in the last
    /// morning slot and the first afternoon slot, which everybody of that kind competes for (the takers of
    /// the spare break on forum-13crafb, ticf-13crafb, forum-13crafc and ticf-13crafc are all of that kind;
    /// ticf-13crafb's came 10th instead of about 40th). Then participants whose meetings all have a fixed
    /// session: they have the least freedom to dodge a break that the tables force, and on
    /// ticf-13crafc and forum-13crafc the few participants that can take the break are among them (with
    /// meetings-count order alone they came after hard candidates that used up the time). Fewer meetings
    /// first within that: their models fail or solve fast, while the busiest ones tend to neither fail nor
    /// solve in a short try. The order only decides how soon a schedule is found; a refutation still needs
    /// every candidate.
    /// </summary>
    private static List<Unit> SpareCandidates(B2bInstance instance, Day[] days, IReadOnlyList<Unit> units, IEnumerable<Unit> among)
    {
        bool HasRoom(Unit unit) => unit.Members.Any(p => days[p].MinBreaks + unit.Excess(days) < days[p].Meetings.Count - 1);
        bool Crosses(int p) =>
            days[p].Meetings.Any(m => instance.Meetings[m].Session == Session.Morning) &&
            days[p].Meetings.Any(m => instance.Meetings[m].Session == Session.Afternoon);
        return among.Where(HasRoom)
            .OrderByDescending(unit => unit.Members.Length > 1)
            .ThenByDescending(unit => unit.Members.Any(Crosses))
            .ThenByDescending(unit => unit.Members.SelectMany(p => days[p].Meetings).All(m => instance.Meetings[m].Session != Session.Either))
            .ThenBy(unit => unit.Members.Sum(p => days[p].Meetings.Count)).ThenBy(unit => unit.Members[0]).ToList();
    }

    /// <summary>
    /// The split models of a budget when some groups need breaks above their members' own minimums. With
    /// no slack each way to share every group's excess among its members is one model, everybody else at
    /// their minimum. With one break to spare, for each such way: any single participant may take the spare
    /// break (split further in <see cref="Conquer"/> when undecided); then each way to share one more break
    /// in one group. Shares go to members with fewer meetings first: on ticf-13crafb the two with 3 and 4
    /// meetings take the group's breaks. Null when there are too many shares to try one by one.
    /// </summary>
    private static List<Attempt>? GroupAttempts(
        B2bInstance instance, Day[] days, IReadOnlyList<Unit> units, List<Unit> groups, int? fairness, int slack)
    {
        var cap = FairnessCap(days, fairness);
        var exact = Shares(days, groups, extraIn: null, cap);
        if (exact is null || exact.Count > MaxShares) return null;
        if (slack == 0) return exact.Select(most => new Attempt(new Limits(units, Slack: 0, Most: most), ShareWork)).ToList();
        var singles = SpareCandidates(instance, days, units, units.Where(unit => unit.Members.Length == 1));
        var attempts = exact.Select(most => new Attempt(new Limits(units, Slack: 0, singles, most), ShareWork)).ToList();
        foreach (var group in groups)
        {
            var more = Shares(days, groups, extraIn: group, cap);
            if (more is null || attempts.Count + more.Count > MaxSplitModels) return null;
            attempts.AddRange(more.Select(most => new Attempt(new Limits(units, Slack: 0, [group], most), ShareWork)));
        }
        return attempts;
    }

    /// <summary>
    /// Every way to share out each group's excess (one more in <paramref name="extraIn"/>) among its members,
    /// as the most breaks each member may take; null when there are more than <see cref="MaxSplitModels"/>.
    /// </summary>
    private static List<Dictionary<int, int>>? Shares(Day[] days, List<Unit> groups, Unit? extraIn, int cap)
    {
        var result = new List<Dictionary<int, int>> { new() };
        foreach (var group in groups)
        {
            // Fewer meetings first: those members run out of ways to dodge a break soonest.
            var members = group.Members.OrderBy(p => days[p].Meetings.Count).ThenBy(p => p).ToArray();
            var room = members.Select(p => Math.Min(cap, days[p].Meetings.Count - 1) - days[p].MinBreaks).ToArray();
            var ways = new List<int[]>();
            void Share(int i, int left, int[] given)
            {
                if (left == 0) { ways.Add((int[])given.Clone()); return; }
                if (i == members.Length) return;
                for (var k = Math.Min(left, room[i]); k >= 0; k--)
                {
                    given[i] = k;
                    Share(i + 1, left - k, given);
                }
                given[i] = 0;
            }
            Share(0, group.Excess(days) + (group == extraIn ? 1 : 0), new int[members.Length]);
            if ((long)result.Count * ways.Count > MaxSplitModels) return null;
            result = result.SelectMany(most => ways.Select(way =>
            {
                var next = new Dictionary<int, int>(most);
                for (var i = 0; i < members.Length; i++) next[members[i]] = days[members[i]].MinBreaks + way[i];
                return next;
            })).ToList();
        }
        return result;
    }

    /// <summary>
    /// Above this many ways to share the groups' excess the split is not tried (66 on the real instances),
    /// nor above this many split models with one break to spare (352 there).
    /// </summary>
    private const int MaxShares = 500;
    private const int MaxSplitModels = MaxShares * 8;

    /// <summary>
    /// The most breaks anybody may have under fairness d: a participant with at most one meeting has 0
    /// breaks, so when one exists nobody may exceed d. No cap otherwise.
    /// </summary>
    private static int FairnessCap(Day[] days, int? fairness) =>
        fairness is { } d && days.Any(day => day.Meetings.Count <= 1) ? d : int.MaxValue;
    private const double ShareWork = 1.0;

    /// <summary>
    /// Tries independent models two at a time (one per core), each with one CP-SAT worker running its plain
    /// clause-learning search without the LP. For many small models that mostly fail this beats one model at
    /// a time with the four-worker portfolio, whose presolve runs alone and whose LP workers add little to a
    /// refutation: forum-13crafb's 66 shares are refuted in 4.4 s instead of 9–11 s, ticf-13crafb's in
    /// 2.1 s instead of 3.4 s. The models it leaves undecided go to <see cref="Conquer"/>.
    /// </summary>
    private static (List<PlacedMeeting>? Found, List<Attempt> Undecided) Sweep(
        B2bInstance instance, Day[] days, ExactSchedulerOptions options, int budget, List<Attempt> attempts,
        double searchEnd, Stopwatch clock)
    {
        List<PlacedMeeting>? found = null;
        var undecided = new bool[attempts.Count];
        Parallel.For(0, attempts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, loop) =>
        {
            var left = searchEnd - clock.Elapsed.TotalSeconds;
            if (left <= 0.05 || Volatile.Read(ref found) is not null)
            {
                undecided[i] = true;
                return;
            }
            var attempt = attempts[i];
            var (model, x, _) = Build(instance, days, options.Fairness, budget, attempt.Limits);
            var solver = NewSolver(options, Math.Min(left, WallPerWork * attempt.Work), workers: 1, attempt.Work, attempt.Try);
            solver.StringParameters += " subsolvers:\"no_lp\"";
            var status = solver.Solve(model);
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            {
                Interlocked.CompareExchange(ref found, Extract(instance, x, solver), null);
                loop.Stop();
            }
            else undecided[i] = status != CpSolverStatus.Infeasible;
        });
        return (found, attempts.Where((_, i) => undecided[i]).ToList());
    }

    /// <summary>
    /// Runs split models until one finds a schedule or all are refuted. A model that neither solves nor fails
    /// in its work is split when it lets several units take the spare break: into batches, then units one by
    /// one, each tried next, before the rest. A single one still undecided gets a second try at once with
    /// another CP-SAT seed (its time to a schedule varies a lot between runs), then is retried at the end
    /// with twice the work. Every model stays covered until refuted, so when the queue empties the budget is
    /// refuted.
    /// </summary>
    /// <returns>A schedule within the budget, or null with whether every model was refuted.</returns>
    private static (List<PlacedMeeting>? Found, bool Refuted) Conquer(
        B2bInstance instance, Day[] days, ExactSchedulerOptions options, int budget, IEnumerable<Attempt> attempts,
        double searchEnd, Stopwatch clock)
    {
        var pending = new LinkedList<Attempt>(attempts);
        while (pending.First is { } first)
        {
            var attempt = first.Value;
            pending.RemoveFirst();
            var left = searchEnd - clock.Elapsed.TotalSeconds;
            if (left <= 0.05) return (null, false);
            var (model, x, _) = Build(instance, days, options.Fairness, budget, attempt.Limits);
            // Wall time as well: on two cores four workers can spend far more seconds than work units.
            var solver = NewSolver(options, Math.Min(left, WallPerWork * attempt.Work), options.Workers, attempt.Work, attempt.Try);
            var status = solver.Solve(model);
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible) return (Extract(instance, x, solver), false);
            if (status == CpSolverStatus.Infeasible) continue;
            var spare = attempt.Limits.Spare?.ToArray() ?? [];
            if (spare.Length > 1)
            {
                // The spare break's takers were kept in order, so the split keeps it too.
                var parts = spare.Length > BatchSize
                    ? spare.Chunk(BatchSize).Select(batch => new Attempt(attempt.Limits with { Spare = batch }, BatchWork))
                    : spare.Select(unit => new Attempt(attempt.Limits with { Spare = [unit] }, SingleWork));
                foreach (var part in parts.Reverse()) pending.AddFirst(part);
                continue;
            }
            // CP-SAT's time to a schedule on these small models varies a lot from run to run with four
            // workers on two cores (ticf-13crafc's taker of the break: a schedule after 1.5–2 s in most
            // runs, none within its 2 units in roughly one run of four, then found in 1.5–2.5 s with
            // another seed), so an undecided model first gets one more try at once with another seed;
            // after that it waits for the end with twice the work.
            if (attempt.Try == 0) pending.AddFirst(attempt with { Try = 1 });
            else pending.AddLast(attempt with { Work = attempt.Work * 2, Try = attempt.Try + 1 });
        }
        return (null, true);
    }

    /// <summary>
    /// Candidates tried together for the spare break, and the deterministic seconds a batch and a single
    /// candidate get (measured on the real instances: a failing batch of four takes about 0.2; a single
    /// participant that can take the break reaches a schedule in 0.6–2). A single one left open gets a second
    /// try with another seed, then is retried at the end with twice the time. The wall-clock cap is a
    /// multiple of the work: with four workers on two cores the wall clock can stop a try before its work
    /// limit, and at 1.25 s per unit the participant that takes ticf-13crafc's break sometimes missed its
    /// schedule on a busy machine.
    /// </summary>
    private const int BatchSize = 4;
    private const double BatchWork = 0.5;
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

    /// <summary>
    /// The lower bound's units: each participant with its own minimum, except where a participant and its
    /// partners together need more. Every participant's neighbourhood (itself and everybody it meets) is
    /// checked on its own, as a relaxation holding only their meetings: "at most the sum of their minimums
    /// + k" for k = 0, 1, … until one is not refuted. Neighbourhoods that need more are taken greedily, most
    /// excess first, without overlap, so the units' least breaks still add up to a valid lower bound. On
    /// forum-13crafb and ticf-13crafb participant 48 and its 10 partners need 2 breaks more than their own
    /// minimums say, which the participants one by one cannot see.
    /// </summary>
    private static List<Unit> Units(B2bInstance instance, Day[] days, ExactSchedulerOptions options, Stopwatch clock, double until)
    {
        var partners = days.Select((day, p) => day.Meetings
            .Select(m => instance.Meetings[m].A - 1 == p ? instance.Meetings[m].B - 1 : instance.Meetings[m].A - 1)
            .Append(p).ToHashSet()).ToArray();
        var excessive = new System.Collections.Concurrent.ConcurrentBag<Unit>();
        var centres = Enumerable.Range(0, days.Length).Where(p => days[p].Meetings.Count > 1);
        Parallel.ForEach(centres, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            var members = partners[p].Where(q => days[q].Meetings.Count > 1).Order().ToArray();
            if (members.Length < 2) return;
            var unit = new Unit(members, members.Sum(q => days[q].MinBreaks));
            var excess = 0;
            for (; excess < MaxExcess && clock.Elapsed.TotalSeconds < until; excess++)
            {
                var (model, _, _) = Build(instance, days, options.Fairness, unit.Least + excess, new Limits([unit], excess), partners[p]);
                var solver = NewSolver(options, NeighbourhoodWork * WallPerWork, workers: 1, NeighbourhoodWork);
                if (solver.Solve(model) != CpSolverStatus.Infeasible) break;
            }
            if (excess > 0) excessive.Add(unit with { Least = unit.Least + excess });
        });
        var units = new List<Unit>();
        var taken = new HashSet<int>();
        foreach (var group in excessive.OrderByDescending(unit => unit.Excess(days)).ThenBy(unit => unit.Members.Length).ThenBy(unit => unit.Members[0]))
        {
            if (group.Members.Any(taken.Contains)) continue;
            units.Add(group);
            taken.UnionWith(group.Members);
        }
        units.AddRange(Enumerable.Range(0, days.Length)
            .Where(p => days[p].Meetings.Count > 1 && !taken.Contains(p))
            .Select(p => new Unit([p], days[p].MinBreaks)));
        return units;
    }

    /// <summary>
    /// How many extra breaks a neighbourhood is checked for, and the deterministic seconds of one check
    /// (one worker each, the neighbourhoods two at a time).
    /// </summary>
    private const int MaxExcess = 3;
    private const double NeighbourhoodWork = 0.5;

    /// <summary>
    /// Participants whose breaks together are at least <paramref name="Least"/>: a term of the lower bound.
    /// Most units are one participant and its own minimum; a group is a participant with its partners
    /// when their meetings, seen together, force more breaks than each of their own minimums adds up to.
    /// </summary>
    private sealed record Unit(int[] Members, int Least)
    {
        /// <summary>Breaks the unit needs above the sum of its members' own minimums.</summary>
        public int Excess(Day[] days) => Least - Members.Sum(p => days[p].MinBreaks);
    }

    /// <summary>How far each unit may go above its least breaks in one model.</summary>
    /// <param name="Slack">Budget minus the sum of the units' least breaks: no unit can exceed its least by more.</param>
    /// <param name="Spare">Units allowed one break above that (the split of <see cref="OneMoreBreak"/>).</param>
    private sealed record Limits(IReadOnlyList<Unit> Units, int Slack, IReadOnlyList<Unit>? Spare = null, IReadOnlyDictionary<int, int>? Most = null)
    {
        public int Room(Unit unit) => Slack + (Spare?.Contains(unit) == true ? 1 : 0);
    }

    /// <summary>The model "all meetings placed with at most <paramref name="budget"/> breaks in total".</summary>
    /// <returns>The model, its x[m][t] literals, and the most breaks any schedule could have.</returns>
    /// <param name="budget">Null: no bound, minimise the total breaks instead.</param>
    /// <param name="limits">How far each unit may exceed its least breaks; null: no such limit.</param>
    /// <param name="scope">
    /// Null: the whole instance. Otherwise a relaxation that holds only the meetings of these participants
    /// and counts only their breaks: the others keep one meeting per slot and nothing more. Any schedule of
    /// the instance is one of the relaxation too, so when the relaxation fails, so does the instance.
    /// </param>
    private static (CpModel Model, BoolVar?[][] X, int MaxPossible) Build(
        B2bInstance instance, Day[] days, int? fairness, int? budget, Limits? limits, IReadOnlySet<int>? scope = null)
    {
        var model = new CpModel();
        var meetingCount = instance.Meetings.Count;
        var slots = instance.Slots;
        bool InScope(int p) => scope is null || scope.Contains(p);

        var x = new BoolVar?[meetingCount][];
        for (var m = 0; m < meetingCount; m++)
        {
            x[m] = new BoolVar?[slots + 1];
            if (!InScope(instance.Meetings[m].A - 1) && !InScope(instance.Meetings[m].B - 1)) continue;
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

        var unitOf = new Dictionary<int, Unit>();
        foreach (var unit in limits?.Units ?? [])
            foreach (var p in unit.Members) unitOf[p] = unit;
        var meetingsOf = days.Select(day => day.Meetings).ToArray();
        var breaksOf = new LinearExpr?[instance.Participants];
        var busyInSlot = Enumerable.Range(0, slots + 1).Select(_ => new List<BoolVar>()).ToArray();
        var maxPossible = 0;
        var cap = Math.Min(budget ?? int.MaxValue, FairnessCap(days, fairness));
        for (var p = 0; p < instance.Participants; p++)
        {
            var mine = meetingsOf[p];
            if (!InScope(p))
            {
                for (var t = 1; t <= slots; t++)
                {
                    var here = mine.Select(m => x[m][t]).OfType<BoolVar>().ToList();
                    if (here.Count > 1) model.AddAtMostOne(here);
                }
                continue;
            }
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
            // Everybody else in its unit needs at least its own minimum.
            if (limits is not null && unitOf.TryGetValue(p, out var own))
                allowedBreaks = Math.Min(allowedBreaks, days[p].MinBreaks + own.Excess(days) + limits.Room(own));
            if (limits?.Most is not null && limits.Most.TryGetValue(p, out var fixedMost)) allowedBreaks = Math.Min(allowedBreaks, fixedMost);
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
        // A group's breaks together: at least its least (a redundant cut the solver cannot see on its own)
        // and at most its least plus its room.
        foreach (var unit in limits?.Units ?? [])
        {
            if (unit.Members.Length < 2 || unit.Members.Any(p => breaksOf[p] is null)) continue;
            var together = LinearExpr.Sum(unit.Members.Select(p => breaksOf[p]!));
            model.Add(together >= unit.Least);
            model.Add(together <= unit.Least + limits!.Room(unit));
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
                if (x[before - 1].Any(v => v is not null) && x[m].Any(v => v is not null))
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
