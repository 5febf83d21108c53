using System.Globalization;
using Google.OrTools.Sat;

namespace Matchmaker.Model.Scheduling.Events;

/// <summary>
/// The most must-meets that fit together, each with a slot, once locked meetings are in place. Greedy placement
/// (most constrained first, one move to make room) places them all on most events, but when scouts are asked for
/// more than their caps, or tables and slots run short, which ones it takes first decides how many fit; then this
/// small CP-SAT model decides: one slot at most per must-meet, only slots both attend and have free, tables
/// left per slot, room left under each participant's cap for the event and for each day. It maximises how many
/// are placed, then how many keep the slot the greedy pass gave them (its break-aware choice, and a rerun's
/// previous slot). It runs only when the greedy pass falls short of <see cref="UpperBound"/>. Proposals and
/// other meetings are placed after, around them.
/// </summary>
internal static class MustMeetSelection
{
    /// <param name="pairs">Must-meets (startup, delegate index) not placed yet, each with a common free slot.</param>
    /// <param name="hint">The greedy slot of each pair, or -1.</param>
    /// <returns>A slot per pair, or -1 where it is left out; null when the solver found nothing in time.</returns>
    public static int[]? Solve(EventBoard board, IReadOnlyList<(int S, int D)> pairs, IReadOnlyList<int> hint, double seconds)
    {
        var model = new CpModel();
        var slots = board.SlotCount;
        var x = new BoolVar?[pairs.Count, slots];
        var byParticipantSlot = new Dictionary<(int P, int T), List<BoolVar>>();
        var byParticipant = new Dictionary<int, List<BoolVar>>();
        var byParticipantDay = new Dictionary<(int P, int Day), List<BoolVar>>();
        var bySlot = Enumerable.Range(0, slots).Select(_ => new List<BoolVar>()).ToArray();
        var keep = new List<BoolVar>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (s, d) = pairs[i];
            var dp = board.DelegateParticipant(d);
            var mine = new List<BoolVar>();
            for (var t = 0; t < slots; t++)
            {
                if (board.TablesLeft(t) <= 0 || !board.FreeAt(s, t) || !board.FreeAt(dp, t)) continue;
                var v = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"m{i}t{t}"));
                x[i, t] = v;
                mine.Add(v);
                bySlot[t].Add(v);
                if (hint[i] == t) keep.Add(v);
                foreach (var p in new[] { s, dp })
                {
                    Add(byParticipantSlot, (p, t), v);
                    Add(byParticipant, p, v);
                    if (board.DayRoomLeft(p, board.DayOf(t)) is not null) Add(byParticipantDay, (p, board.DayOf(t)), v);
                }
            }
            if (mine.Count > 1) model.AddAtMostOne(mine);
        }
        for (var t = 0; t < slots; t++)
            if (bySlot[t].Count > board.TablesLeft(t)) model.Add(LinearExpr.Sum(bySlot[t]) <= board.TablesLeft(t));
        foreach (var (_, here) in byParticipantSlot)
            if (here.Count > 1) model.AddAtMostOne(here);
        foreach (var (p, all) in byParticipant)
        {
            var room = Math.Max(0, board.Cap(p) - board.Chosen(p));
            if (all.Count > room) model.Add(LinearExpr.Sum(all) <= room);
        }
        foreach (var ((p, day), all) in byParticipantDay)
        {
            var room = board.DayRoomLeft(p, day)!.Value;
            if (all.Count > room) model.Add(LinearExpr.Sum(all) <= room);
        }
        for (var i = 0; i < pairs.Count; i++)
            if (hint[i] >= 0 && x[i, hint[i]] is { } v) model.AddHint(v, true);

        // First the most must-meets (the greedy placement as the start), then, with that many, the most greedy slots
        // kept, in a short second run: one objective weighing both took its whole time limit at fair scale.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var every = Enumerable.Range(0, pairs.Count).SelectMany(i => Enumerable.Range(0, slots).Select(t => x[i, t])).OfType<BoolVar>().ToList();
        model.Maximize(LinearExpr.Sum(every));
        var most = Run(model, x, pairs.Count, slots, seconds * 0.75);
        if (most is null || keep.Count == 0) return most;
        var placed = most.Count(t => t >= 0);
        model.Add(LinearExpr.Sum(every) >= placed);
        model.ClearHints();
        for (var i = 0; i < pairs.Count; i++)
            if (most[i] >= 0) model.AddHint(x[i, most[i]]!, true);
        model.Maximize(LinearExpr.Sum(keep));
        var kept = Run(model, x, pairs.Count, slots, Math.Max(0.1, seconds - clock.Elapsed.TotalSeconds));
        return kept is not null && kept.Count(t => t >= 0) >= placed ? kept : most;
    }

    /// <summary>
    /// The most must-meets any placement could hold, ignoring time (a max flow through the caps and the free
    /// table-slots): when the greedy pass already places that many, no model can do better.
    /// </summary>
    public static long UpperBound(EventBoard board, IReadOnlyList<(int S, int D)> pairs)
    {
        var startups = board.StartupCount;
        var source = startups + board.DelegateCount;
        var (tables, sink) = (source + 1, source + 2);
        var flow = new Google.OrTools.Graph.MaxFlow();
        foreach (var s in pairs.Select(p => p.S).Distinct())
            flow.AddArcWithCapacity(source, s, Math.Max(0, board.Cap(s) - board.Chosen(s)));
        foreach (var (s, d) in pairs) flow.AddArcWithCapacity(s, startups + d, 1);
        foreach (var d in pairs.Select(p => p.D).Distinct())
        {
            var p = board.DelegateParticipant(d);
            flow.AddArcWithCapacity(startups + d, tables, Math.Max(0, board.Cap(p) - board.Chosen(p)));
        }
        flow.AddArcWithCapacity(tables, sink, Enumerable.Range(0, board.SlotCount).Sum(board.TablesLeft));
        return flow.Solve(source, sink) == Google.OrTools.Graph.MaxFlow.Status.OPTIMAL ? flow.OptimalFlow() : long.MaxValue;
    }

    private static int[]? Run(CpModel model, BoolVar?[,] x, int count, int slots, double seconds)
    {
        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{Math.Max(0.1, seconds)} num_workers:2 random_seed:0"),
        };
        if (solver.Solve(model) is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return null;
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = -1;
            for (var t = 0; t < slots; t++)
                if (x[i, t] is { } v && solver.BooleanValue(v)) result[i] = t;
        }
        return result;
    }

    private static void Add<TKey>(Dictionary<TKey, List<BoolVar>> map, TKey key, BoolVar v) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(v);
    }
}
