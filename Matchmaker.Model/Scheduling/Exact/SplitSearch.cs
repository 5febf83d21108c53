using System.Globalization;
using Google.OrTools.Sat;

namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>CP-SAT solvers with the limits of one try.</summary>
internal static class Solvers
{
    /// <param name="work">CP-SAT's deterministic time limit, for the short tries (see <see cref="ExactTuning"/>).</param>
    /// <param name="seedOffset">Added to the seed, for another independent try of the same model.</param>
    public static CpSolver New(SearchContext context, double seconds, int workers, double? work = null, int seedOffset = 0) => new()
    {
        StringParameters = string.Create(CultureInfo.InvariantCulture,
            $"max_time_in_seconds:{Math.Max(0.01, seconds)} num_workers:{workers} random_seed:{context.Options.Seed + seedOffset}")
            + (work is { } w ? string.Create(CultureInfo.InvariantCulture, $" max_deterministic_time:{w}") : ""),
    };
}

/// <summary>One small model of a split search: the limits it holds everybody to and the work it gets.</summary>
/// <param name="Try">How many times this model was tried before (each retry gets another CP-SAT seed).</param>
internal sealed record Attempt(Limits Limits, double Work, int Try = 0);

/// <summary>
/// "At most B breaks" split into many small models when B leaves a choice the full model stalls on: who
/// takes a spare break, or how a group's excess is shared among its members. Each small model fixes the
/// choice, so it solves or fails fast; every choice is covered, so when all models fail B is refuted.
/// </summary>
internal static class SplitSearch
{
    /// <summary>
    /// "At most B breaks" when that is one more than the sum of the units' least breaks: then exactly one
    /// unit may exceed its least, by one. Leaving that choice open makes every participant's table large and
    /// the search stalls; fixing it makes small models that solve or fail fast. So the choice is split: a
    /// batch of candidate units at a time may take the spare break (a batch that fails clears all its units
    /// at once), and the units of a batch that neither fails nor solves in time are tried one by one
    /// (<see cref="Conquer"/>). Only units with a member that has room for another break are candidates, and
    /// every one of them is covered, so when all fail the budget is refuted.
    /// </summary>
    public static IEnumerable<Attempt> OneMoreBreak(SearchContext context, IReadOnlyList<Unit> units) =>
        SpareCandidates(context, units, units).Chunk(context.Tuning.BatchSize)
            .Select(batch => new Attempt(new Limits(units, Slack: 0, batch), context.Tuning.BatchWork));

    /// <summary>
    /// The units of <paramref name="among"/> that could take a spare break, in the order to try them. The
    /// order only decides how soon a schedule is found; a refutation still needs every candidate. Groups
    /// first: their meetings are the ones known to force breaks. Then participants with a meeting bound to
    /// the morning and one bound to the afternoon: without a break they must meet in the last morning slot
    /// and the first afternoon slot, which everybody of that kind competes for. Then participants whose
    /// meetings all have a fixed session: they have the least freedom to dodge a break that the tables force.
    /// Fewer meetings first within that: their models fail or solve fast, while the busiest ones tend to
    /// neither fail nor solve in a short try.
    /// </summary>
    private static List<Unit> SpareCandidates(SearchContext context, IReadOnlyList<Unit> units, IEnumerable<Unit> among)
    {
        var (instance, days) = (context.Instance, context.Days);
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
    /// The split models of a budget when some groups need breaks above their members' own minimums. A
    /// group's excess can fall on any of its members, and leaving that open stalls the search as a spare
    /// break does. With no slack each way to share every group's excess among its members is one model,
    /// everybody else at their minimum. With one break to spare, for each such way: any single participant
    /// may take the spare break (split further in <see cref="Conquer"/> when undecided); then each way to
    /// share one more break in one group. Null when there are too many shares to try one by one.
    /// </summary>
    public static List<Attempt>? GroupAttempts(SearchContext context, IReadOnlyList<Unit> units, List<Unit> groups, int slack)
    {
        var (days, tuning) = (context.Days, context.Tuning);
        var cap = ExactModel.FairnessCap(days, context.Options.Fairness);
        var exact = Shares(context, groups, extraIn: null, cap);
        if (exact is null || exact.Count > tuning.MaxShares) return null;
        if (slack == 0) return exact.Select(most => new Attempt(new Limits(units, Slack: 0, Most: most), tuning.ShareWork)).ToList();
        var singles = SpareCandidates(context, units, units.Where(unit => unit.Members.Length == 1));
        var attempts = exact.Select(most => new Attempt(new Limits(units, Slack: 0, singles, most), tuning.ShareWork)).ToList();
        foreach (var group in groups)
        {
            var more = Shares(context, groups, extraIn: group, cap);
            if (more is null || attempts.Count + more.Count > tuning.MaxSplitModels) return null;
            attempts.AddRange(more.Select(most => new Attempt(new Limits(units, Slack: 0, [group], most), tuning.ShareWork)));
        }
        return attempts;
    }

    /// <summary>
    /// Every way to share out each group's excess (one more in <paramref name="extraIn"/>) among its members,
    /// as the most breaks each member may take; null when there are more than the tuning allows. Members with
    /// fewer meetings first: they run out of ways to dodge a break soonest, so their shares tend to be the
    /// ones that hold.
    /// </summary>
    private static List<Dictionary<int, int>>? Shares(SearchContext context, List<Unit> groups, Unit? extraIn, int cap)
    {
        var days = context.Days;
        var result = new List<Dictionary<int, int>> { new() };
        foreach (var group in groups)
        {
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
            if ((long)result.Count * ways.Count > context.Tuning.MaxSplitModels) return null;
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
    /// Tries independent models two at a time (one per core), each with one CP-SAT worker running its plain
    /// clause-learning search without the LP. For many small models that mostly fail this beats one model at
    /// a time with the four-worker portfolio, whose presolve runs alone and whose LP workers add little to a
    /// refutation (measured: 4.4 s instead of 9–11 s for 66 shares). The models it leaves undecided go to
    /// <see cref="Conquer"/>.
    /// </summary>
    public static (List<PlacedMeeting>? Found, List<Attempt> Undecided) Sweep(SearchContext context, int budget, List<Attempt> attempts)
    {
        List<PlacedMeeting>? found = null;
        var undecided = new bool[attempts.Count];
        Parallel.For(0, attempts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, loop) =>
        {
            var left = context.Left;
            if (left <= 0.05 || Volatile.Read(ref found) is not null)
            {
                undecided[i] = true;
                return;
            }
            var attempt = attempts[i];
            var built = ExactModel.Build(context, budget, attempt.Limits);
            var solver = Solvers.New(context, Math.Min(left, context.Tuning.WallPerWork * attempt.Work), workers: 1, attempt.Work, attempt.Try);
            solver.StringParameters += " subsolvers:\"no_lp\"";
            var status = solver.Solve(built.Model);
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            {
                Interlocked.CompareExchange(ref found, ExactModel.Extract(context.Instance, built.X, solver), null);
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
    /// another CP-SAT seed (CP-SAT's time to a schedule on these small models varies a lot from run to run
    /// with four workers on two cores), then is retried at the end with twice the work. Every model stays
    /// covered until refuted, so when the queue empties the budget is refuted.
    /// </summary>
    /// <returns>A schedule within the budget, or null with whether every model was refuted.</returns>
    public static (List<PlacedMeeting>? Found, bool Refuted) Conquer(SearchContext context, int budget, IEnumerable<Attempt> attempts)
    {
        var tuning = context.Tuning;
        var pending = new LinkedList<Attempt>(attempts);
        while (pending.First is { } first)
        {
            var attempt = first.Value;
            pending.RemoveFirst();
            var left = context.Left;
            if (left <= 0.05) return (null, false);
            var built = ExactModel.Build(context, budget, attempt.Limits);
            var solver = Solvers.New(context, Math.Min(left, tuning.WallPerWork * attempt.Work), context.Options.Workers, attempt.Work, attempt.Try);
            var status = solver.Solve(built.Model);
            context.Trace($"split model ({Takers(attempt.Limits)} may take the spare, try {attempt.Try}, work {attempt.Work}): {status}");
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible) return (ExactModel.Extract(context.Instance, built.X, solver), false);
            if (status == CpSolverStatus.Infeasible) continue;
            var spare = attempt.Limits.Spare?.ToArray() ?? [];
            if (spare.Length > 1)
            {
                // The spare break's takers were kept in order, so the split keeps it too.
                var parts = spare.Length > tuning.BatchSize
                    ? spare.Chunk(tuning.BatchSize).Select(batch => new Attempt(attempt.Limits with { Spare = batch }, tuning.BatchWork))
                    : spare.Select(unit => new Attempt(attempt.Limits with { Spare = [unit] }, tuning.SingleWork));
                foreach (var part in parts.Reverse()) pending.AddFirst(part);
                continue;
            }
            if (attempt.Try == 0) pending.AddFirst(attempt with { Try = 1 });
            else pending.AddLast(attempt with { Work = attempt.Work * 2, Try = attempt.Try + 1 });
        }
        return (null, true);
    }

    /// <summary>Who may take the spare break in a split model, numbered as in the instance file (for the trace).</summary>
    private static string Takers(Limits limits) => limits.Spare is { Count: > 0 } spare
        ? string.Join(" ", spare.Select(unit => string.Join("+", unit.Members.Select(p => p + 1))))
        : "nobody";
}
