using System.Diagnostics;
using Google.OrTools.Graph;

namespace Matchmaker.Model.Scheduling.Events;

/// <summary>
/// The event mode: chooses and places meetings for thousands of participants. The problem is split,
/// because a full CP model of pairs × slots does not scale (stack notes: 46 % gap at 200 × 60 × 12):
/// <list type="number">
/// <item>locked meetings stay where they are; must-meets are taken next, or get a reason;</item>
/// <item>the other pairs are chosen by a min-cost flow (a b-matching) whose per-startup costs grow with
/// each extra meeting, so weight is spread fairly;</item>
/// <item>the pairs are placed in time greedily (previous slot first, then the slot adding fewest breaks),
/// with a one-move repair, and freed capacity is refilled;</item>
/// <item>local search moves meetings to cut breaks until nothing improves or time runs out.</item>
/// </list>
/// The upper bound is the best b-matching weight ignoring time, a valid bound on any schedule's weight.
/// </summary>
public static class EventScheduler
{
    private const double WeightScale = 10_000;

    public static EventSchedule Solve(EventSchedulingProblem problem, EventSchedulerOptions? options = null)
    {
        options ??= new EventSchedulerOptions();
        var clock = Stopwatch.StartNew();
        var board = new EventBoard(problem);
        var unplaced = new List<UnplacedMustMeet>();

        foreach (var locked in problem.Locked)
        {
            var s = board.StartupIndex(locked.Startup);
            var d = board.DelegateIndex(locked.Delegate);
            if (s < 0 || d < 0) throw new ArgumentException($"locked meeting {locked.Startup}-{locked.Delegate}: unknown participant");
            if (!board.CanPlaceIgnoringCaps(s, d, locked.Slot) || !board.TableFree(locked.Slot, locked.Table))
                throw new ArgumentException($"locked meeting {locked.Startup}-{locked.Delegate} at slot {locked.Slot} table {locked.Table} clashes with another locked meeting or a forbidden slot");
            var m = board.Add(s, d, locked.Weight, mustMeet: true, isLocked: true);
            board.Place(m, locked.Slot, locked.Table);
        }

        var mustMeetMeetings = PlaceMustMeets(problem, board, unplaced, options, clock);

        var candidates = Candidates(problem, board);
        // Two valid bounds: any schedule at all (must-meets may be dropped), and any schedule holding all
        // the must-meets taken here, which every must-meets-first schedule does when the only ones
        // missing are impossible for everybody.
        var looseBound = board.LockedWeight + UpperBound(board, candidates);
        var mustWeight = board.Meetings.Where(m => !m.Locked).Sum(m => m.Weight);
        var tightBound = board.LockedWeight + mustWeight + BestWeight(board, candidates);
        foreach (var m in ChoosePairs(board, candidates, options)) board.Add(m.S, m.D, m.Weight, false, false);

        // Place the others in time (must-meets are in place): each delegate's meetings together so they form blocks.
        var order = Enumerable.Range(0, board.Meetings.Count)
            .Where(m => board.Meetings[m].Slot < 0)
            .OrderBy(m => board.Meetings[m].D)
            .ThenByDescending(m => board.Meetings[m].Weight)
            .ToList();
        // On a rerun, meetings whose previous slot is still possible go back there first: placed
        // later, the break-driven choice would pull them elsewhere before their neighbours return.
        foreach (var m in order)
        {
            var meeting = board.Meetings[m];
            if (meeting.PreviousSlot >= 0 && board.CanPlace(meeting.S, meeting.D, meeting.PreviousSlot))
                board.Place(m, meeting.PreviousSlot);
        }
        foreach (var m in order)
            if (board.Meetings[m].Slot < 0 && !board.PlaceBest(m) && !board.Repair(m)) board.Drop(m);

        foreach (var (m, pair) in mustMeetMeetings)
            if (board.Meetings[m].Slot < 0)
                unplaced.Add(new UnplacedMustMeet(pair.Startup, pair.Delegate, UnplacedReason.NoSlotLeft));

        var mustMeetsSettled = unplaced.All(u => u.Reason is UnplacedReason.UnknownParticipant or UnplacedReason.NoCommonFreeSlot);
        var upperBound = mustMeetsSettled ? Math.Min(tightBound, looseBound) : looseBound;
        board.Refill(candidates, options.FairnessPenalty);
        board.ReduceBreaks(TimeSpan.FromSeconds(Math.Max(0, options.TimeLimitSeconds - clock.Elapsed.TotalSeconds)), clock);
        return board.Result(unplaced, upperBound, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Places the must-meets before anything else, the most that fit together. A greedy pass first (most
    /// constrained first, a rerun's previous slot, else the slot adding fewest breaks, one move to make room);
    /// when it leaves any out (caps, tables or slots), <see cref="MustMeetSelection"/> decides which fit, from the
    /// greedy placement. Those left out get the reason a person can act on.
    /// </summary>
    private static List<(int Meeting, MustMeetPair Pair)> PlaceMustMeets(
        EventSchedulingProblem problem, EventBoard board, List<UnplacedMustMeet> unplaced, EventSchedulerOptions options, Stopwatch clock)
    {
        var open = new List<(MustMeetPair Pair, int S, int D)>();
        var seen = new HashSet<(int, int)>();
        foreach (var pair in problem.MustMeet)
        {
            var (s, d) = (board.StartupIndex(pair.Startup), board.DelegateIndex(pair.Delegate));
            if (s < 0 || d < 0) unplaced.Add(new UnplacedMustMeet(pair.Startup, pair.Delegate, UnplacedReason.UnknownParticipant));
            else if (board.HasPair(s, d) || !seen.Add((s, d))) continue; // locked already, or listed twice
            else if (board.CommonFreeSlots(s, d) == 0) unplaced.Add(new UnplacedMustMeet(pair.Startup, pair.Delegate, UnplacedReason.NoCommonFreeSlot));
            else open.Add((pair, s, d));
        }
        open = open.OrderBy(x => board.CommonFreeSlots(x.S, x.D)).ToList();

        var first = board.Meetings.Count;
        var greedy = new int[open.Count];
        Array.Fill(greedy, -1);
        var allPlaced = true;
        for (var i = 0; i < open.Count; i++)
        {
            var (pair, s, d) = open[i];
            var dp = board.DelegateParticipant(d);
            if (board.Chosen(s) >= board.Cap(s) || board.Chosen(dp) >= board.Cap(dp)) { allPlaced = false; continue; }
            var m = board.Add(s, d, pair.Weight, mustMeet: true, isLocked: false);
            greedy[i] = m;
            var previous = board.Meetings[m].PreviousSlot;
            if (previous >= 0 && board.CanPlace(s, d, previous)) board.Place(m, previous);
            else if (!board.PlaceBest(m) && !board.Repair(m)) allPlaced = false;
        }

        var placed = new List<(int Meeting, MustMeetPair Pair)>();
        if (!allPlaced)
        {
            // Repair may have moved an earlier must-meet: read every slot now.
            var hint = greedy.Select(m => m < 0 ? -1 : board.Meetings[m].Slot).ToArray();
            var greedyCount = hint.Count(t => t >= 0);
            board.RemoveFrom(first);
            var pairs = open.Select(x => (x.S, x.D)).ToList();
            var seconds = Math.Min(options.MustMeetSeconds, Math.Max(0.5, options.TimeLimitSeconds - clock.Elapsed.TotalSeconds) / 2);
            var chosen = greedyCount >= MustMeetSelection.UpperBound(board, pairs) ? null : MustMeetSelection.Solve(board, pairs, hint, seconds);
            // The solver starts from the greedy placement; should it stop early below that (or not run, the greedy
            // placement holding as many as any could), the greedy one stays.
            var slots = chosen is not null && chosen.Count(t => t >= 0) >= greedyCount ? chosen : hint;
            for (var i = 0; i < open.Count; i++)
            {
                if (slots[i] < 0) continue;
                var m = board.Add(open[i].S, open[i].D, open[i].Pair.Weight, mustMeet: true, isLocked: false);
                board.Place(m, slots[i]);
                placed.Add((m, open[i].Pair));
            }
        }
        else placed.AddRange(greedy.Select((m, i) => (m, open[i].Pair)));

        var taken = placed.Select(p => (board.Meetings[p.Meeting].S, board.Meetings[p.Meeting].D)).ToHashSet();
        foreach (var (pair, s, d) in open.Where(x => !taken.Contains((x.S, x.D))))
        {
            var dp = board.DelegateParticipant(d);
            var reason = board.Chosen(s) >= board.Cap(s) ? UnplacedReason.StartupCapReached
                : board.Chosen(dp) >= board.Cap(dp) ? UnplacedReason.DelegateCapReached
                : UnplacedReason.NoSlotLeft;
            unplaced.Add(new UnplacedMustMeet(pair.Startup, pair.Delegate, reason));
        }
        return placed;
    }

    internal readonly record struct Candidate(int S, int D, double Weight, bool WasPrevious);

    /// <summary>Candidate pairs that could meet at all, best weight per pair, without the pairs already taken.</summary>
    private static List<Candidate> Candidates(EventSchedulingProblem problem, EventBoard board)
    {
        var previous = problem.Previous
            .Select(p => (board.StartupIndex(p.Startup), board.DelegateIndex(p.Delegate))).ToHashSet();
        var best = new Dictionary<(int, int), double>();
        foreach (var c in problem.Candidates)
        {
            var s = board.StartupIndex(c.Startup);
            var d = board.DelegateIndex(c.Delegate);
            if (s < 0 || d < 0 || c.Weight <= 0 || board.HasPair(s, d) || board.CommonFreeSlots(s, d) == 0) continue;
            best[(s, d)] = best.TryGetValue((s, d), out var w) ? Math.Max(w, c.Weight) : c.Weight;
        }
        return best.Select(kv => new Candidate(kv.Key.Item1, kv.Key.Item2, kv.Value, previous.Contains(kv.Key)))
            .OrderBy(c => c.S).ThenBy(c => c.D).ToList();
    }

    /// <summary>
    /// Max-weight b-matching of the pairs still open, with concave startup rewards (fairness) and a bonus
    /// for pairs of the previous schedule (stability). Solved exactly as a min-cost flow.
    /// </summary>
    private static List<Candidate> ChoosePairs(EventBoard board, List<Candidate> candidates, EventSchedulerOptions options)
    {
        if (candidates.Count == 0) return [];
        var mean = candidates.Average(c => c.Weight);
        var (flow, arcs) = Network(board, candidates,
            c => c.Weight + (c.WasPrevious ? options.StabilityBonus * mean : 0),
            k => k == 0 ? -options.FirstMeetingBonus * mean : options.FairnessPenalty * mean * k);
        if (flow.Solve() != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException("pair selection flow failed");
        return candidates.Where((_, i) => flow.Flow(arcs[i]) > 0).ToList();
    }

    /// <summary>Best weight of pairs not yet placed, ignoring time: with the locked weight, a bound on any schedule.</summary>
    /// <summary>Best weight of the candidates within the room the meetings taken so far leave.</summary>
    private static double BestWeight(EventBoard board, List<Candidate> candidates)
    {
        if (candidates.Count == 0) return 0;
        var (flow, _) = Network(board, candidates, c => c.Weight, _ => 0);
        if (flow.Solve() != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException("bound flow failed");
        return -flow.OptimalCost() / WeightScale;
    }

    private static double UpperBound(EventBoard board, List<Candidate> candidates)
    {
        // Must-meets compete for the same caps, so they enter the bound as ordinary pairs.
        var all = candidates.ToList();
        foreach (var m in board.Meetings.Where(m => !m.Locked))
            all.Add(new Candidate(m.S, m.D, m.Weight, false));
        if (all.Count == 0) return 0;
        var (flow, _) = Network(board, all, c => c.Weight, _ => 0, ignoreChosen: true);
        if (flow.Solve() != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException("bound flow failed");
        return -flow.OptimalCost() / WeightScale;
    }

    private static (MinCostFlow Flow, int[] Arcs) Network(
        EventBoard board, List<Candidate> pairs, Func<Candidate, double> value, Func<int, double> extraCost,
        bool ignoreChosen = false)
    {
        var startups = board.StartupCount;
        var delegates = board.DelegateCount;
        var source = startups + delegates;
        var tables = source + 1;
        var sink = source + 2;
        var flow = new MinCostFlow();
        long supply = 0;
        var hasPair = new bool[startups];
        foreach (var c in pairs) hasPair[c.S] = true;
        for (var s = 0; s < startups; s++)
        {
            if (!hasPair[s]) continue;
            var used = ignoreChosen ? board.LockedCount(s) : board.Chosen(s);
            var room = board.Cap(s) - used;
            // One arc per extra meeting, each dearer than the last: a convex cost the flow fills in order.
            for (var k = 0; k < room; k++)
                flow.AddArcWithCapacityAndUnitCost(source, s, 1, (long)Math.Round(extraCost(used + k) * WeightScale));
            supply += Math.Max(0, room);
        }
        var arcs = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
            arcs[i] = flow.AddArcWithCapacityAndUnitCost(pairs[i].S, startups + pairs[i].D, 1,
                -(long)Math.Round(value(pairs[i]) * WeightScale));
        for (var d = 0; d < delegates; d++)
        {
            var p = board.DelegateParticipant(d);
            var used = ignoreChosen ? board.LockedCount(p) : board.Chosen(p);
            flow.AddArcWithCapacityAndUnitCost(startups + d, tables, Math.Max(0, board.Cap(p) - used), 0);
        }
        flow.AddArcWithCapacityAndUnitCost(tables, sink, Math.Max(0, board.FreeTableSlots(ignoreChosen)), 0);
        flow.AddArcWithCapacityAndUnitCost(source, sink, supply, 0); // unused capacity
        flow.SetNodeSupply(source, supply);
        flow.SetNodeSupply(sink, -supply);
        return (flow, arcs);
    }
}
