using System.Collections.Concurrent;
using System.Diagnostics;
using Google.OrTools.Sat;

namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>What every part of one exact solve reads: the instance, its propagated domains, the clock.</summary>
/// <param name="SearchEnd">Seconds after which the proof search stops (the rest is the fallback's).</param>
internal sealed record SearchContext(
    B2bInstance Instance, SlotDomains Domains, Day[] Days, ExactSchedulerOptions Options, ExactTuning Tuning,
    Stopwatch Clock, double SearchEnd)
{
    public double Left => SearchEnd - Clock.Elapsed.TotalSeconds;

    /// <summary>With MATCHMAKER_EXACT_TRACE set, each step of the search is written to stderr (for docs/benchmarks.md's traces).</summary>
    public void Trace(string step)
    {
        if (Tracing) Console.Error.WriteLine($"{Instance.Name} {Clock.Elapsed.TotalSeconds,6:F2}s {step}");
    }

    private static readonly bool Tracing = Environment.GetEnvironmentVariable("MATCHMAKER_EXACT_TRACE") is { Length: > 0 };
}

/// <summary>One participant's meetings (0-based), the slots any of them may take, and its own minimum breaks.</summary>
internal sealed record Day(List<int> Meetings, int[] Open, int MinBreaks)
{
    private readonly ConcurrentDictionary<int, List<long[]>?> patterns = new();

    /// <summary>The day patterns with at most <paramref name="breaks"/> breaks that its meetings fit; null above the limit.</summary>
    /// <remarks>Cached: the search builds many models over the same participants.</remarks>
    public List<long[]>? PatternsUpTo(SlotDomains domains, int breaks, int limit) => patterns.GetOrAdd(breaks, most =>
        LowerBounds.Patterns(Open, Meetings.Count, most, limit)?.Where(pattern => LowerBounds.Matchable(domains, Meetings, Open, pattern)).ToList());
}

/// <summary>
/// Participants whose breaks together are at least <paramref name="Least"/>: a term of the lower bound.
/// Most units are one participant and its own minimum; a group is a participant with its partners
/// when their meetings, seen together, force more breaks than each of their own minimums adds up to.
/// </summary>
internal sealed record Unit(int[] Members, int Least)
{
    /// <summary>Breaks the unit needs above the sum of its members' own minimums.</summary>
    public int Excess(Day[] days) => Least - Members.Sum(p => days[p].MinBreaks);
}

/// <summary>
/// Lower bounds on the total breaks that hold for any instance: each participant's own minimum (no search),
/// then groups of a participant and its partners refuted as relaxations (a little search).
/// </summary>
internal static class LowerBounds
{
    /// <summary>
    /// Each participant's day on its own: the fewest breaks it can have counting only its own meetings'
    /// (propagated) slots. A pattern needs a slot for each meeting, a perfect matching. The sum is a lower
    /// bound on the total that costs no search, and a participant whose meetings cannot sit back to back is
    /// known to break before any solve. When a participant has too many patterns to enumerate, the count
    /// stops there, which only makes its minimum smaller (still a valid bound).
    /// </summary>
    public static Day[] Days(B2bInstance instance, SlotDomains domains, int patternLimit)
    {
        var meetingsOf = Enumerable.Range(0, instance.Participants).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < instance.Meetings.Count; m++)
        {
            meetingsOf[instance.Meetings[m].A - 1].Add(m);
            meetingsOf[instance.Meetings[m].B - 1].Add(m);
        }
        return meetingsOf.Select(mine =>
        {
            var open = Enumerable.Range(1, instance.Slots).Where(t => mine.Any(m => domains.Allows(m, t))).ToArray();
            var least = 0;
            for (; least < mine.Count - 1; least++)
            {
                var patterns = Patterns(open, mine.Count, least, patternLimit);
                if (patterns is null) break;
                if (patterns.Any(pattern => Matchable(domains, mine, open, pattern))) break;
            }
            return new Day(mine, open, least);
        }).ToArray();
    }

    /// <summary>Whether the participant's meetings fit the busy slots of the pattern, one each (augmenting paths).</summary>
    public static bool Matchable(SlotDomains domains, List<int> mine, int[] open, long[] pattern)
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
                if (tried[j] || !domains.Allows(mine[meeting], busy[j])) continue;
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

    /// <summary>
    /// Every way to be busy in exactly <paramref name="count"/> of the <paramref name="open"/> slots with at
    /// most <paramref name="maxBreaks"/> breaks, each as 0/1 per open slot followed by its breaks;
    /// null when there are more than <paramref name="limit"/>.
    /// </summary>
    public static List<long[]>? Patterns(int[] open, int count, int maxBreaks, int limit)
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

    /// <summary>
    /// The lower bound's units: each participant with its own minimum, except where a participant and its
    /// partners together need more. A participant's own minimum ignores everybody else, and some breaks are
    /// only forced by a participant and its partners together (a participant whose meetings fill a session,
    /// each partner also bound to the other session, can leave only one partner without a wait). So every
    /// participant's neighbourhood (itself and everybody it meets) is checked on its own, as a relaxation
    /// holding only their meetings: "at most the sum of their minimums + k" for k = 0, 1, … until one is not
    /// refuted. Neighbourhoods that need more are taken greedily, most excess first, without overlap, so the
    /// units' least breaks still add up to a valid lower bound.
    /// </summary>
    /// <returns>The units, or why the instance has no schedule when a neighbourhood alone has none.</returns>
    public static (List<Unit> Units, Infeasibility? Reason) Units(SearchContext context)
    {
        var (instance, days, tuning) = (context.Instance, context.Days, context.Tuning);
        var partners = days.Select((day, p) => day.Meetings
            .Select(m => instance.Meetings[m].A - 1 == p ? instance.Meetings[m].B - 1 : instance.Meetings[m].A - 1)
            .Append(p).ToHashSet()).ToArray();
        var excessive = new ConcurrentBag<Unit>();
        var infeasible = new ConcurrentBag<int>();
        var centres = Enumerable.Range(0, days.Length).Where(p => days[p].Meetings.Count > 1);
        // A share of the time limit, not "until the search's end": on a busy machine the checks take several
        // times longer (11 s instead of 2 s on forum-13crafb at load 17), and the steps after them (the
        // incumbent, the split) need time too. Stopping early keeps the bound valid: every group found was
        // refuted on its own, and a neighbourhood not checked simply stays out.
        var deadline = context.Clock.Elapsed.TotalSeconds + tuning.GroupShare * context.Options.TimeLimitSeconds;
        bool InTime() => context.Left > 0 && context.Clock.Elapsed.TotalSeconds < deadline;
        Parallel.ForEach(centres, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            var members = partners[p].Where(q => days[q].Meetings.Count > 1).Order().ToArray();
            if (members.Length < 2) return;
            var unit = new Unit(members, members.Sum(q => days[q].MinBreaks));
            var excess = 0;
            for (; excess < tuning.MaxExcess && InTime(); excess++)
            {
                var built = ExactModel.Build(context, unit.Least + excess, new Limits([unit], excess), partners[p]);
                var solver = Solvers.New(context, tuning.NeighbourhoodWork * tuning.WallPerWork, workers: 1, tuning.NeighbourhoodWork);
                if (solver.Solve(built.Model) != CpSolverStatus.Infeasible) break;
            }
            if (excess == tuning.MaxExcess && InTime())
            {
                // Every budget checked was refuted: maybe no budget would do. The neighbourhood on its own
                // without a budget; when even that fails, the instance has no schedule, and this is why.
                var open = ExactModel.Build(context, budget: null, limits: null, partners[p]);
                var solver = Solvers.New(context, tuning.NeighbourhoodWork * tuning.WallPerWork, workers: 1, tuning.NeighbourhoodWork);
                if (solver.Solve(open.Model) == CpSolverStatus.Infeasible) infeasible.Add(p);
            }
            if (excess > 0) excessive.Add(unit with { Least = unit.Least + excess });
        });
        if (!infeasible.IsEmpty)
        {
            var centre = infeasible.Min();
            return ([], new Infeasibility(InfeasibilityKind.NeighbourhoodInfeasible,
                $"participant {centre + 1} and the {partners[centre].Count - 1} participants it meets have no schedule among themselves " +
                $"within their sessions, forbidden and fixed slots, precedences and fairness (proven by search on their meetings alone)"));
        }
        var units = new List<Unit>();
        var taken = new HashSet<int>();
        foreach (var group in excessive.OrderByDescending(unit => unit.Excess(days)).ThenBy(unit => unit.Members.Length).ThenBy(unit => unit.Members[0]))
        {
            if (group.Members.Any(taken.Contains)) continue;
            units.Add(group);
            taken.UnionWith(group.Members);
        }
        units.AddRange(Singles(days).Where(unit => !taken.Contains(unit.Members[0])));
        return (units, null);
    }

    /// <summary>Every participant with two or more meetings as a unit of its own, with its own minimum.</summary>
    public static IEnumerable<Unit> Singles(Day[] days) =>
        Enumerable.Range(0, days.Length).Where(p => days[p].Meetings.Count > 1).Select(p => new Unit([p], days[p].MinBreaks));
}
