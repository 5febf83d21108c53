namespace Matchmaker.Model.Scheduling.Events;

/// <summary>
/// Checks an event schedule against its problem from scratch, sharing no code with the scheduler:
/// one meeting per participant per slot, only slots both can attend, tables, a pair at most once,
/// caps (total and per day), locked meetings in place, only pairs that were asked for. Breaks are
/// recounted per participant and day.
/// </summary>
public static class EventScheduleChecker
{
    public sealed record Result(IReadOnlyList<string> Violations, int TotalBreaks, double TotalWeight)
    {
        public bool IsFeasible => Violations.Count == 0;
    }

    public static Result Check(EventSchedulingProblem problem, IReadOnlyList<PlacedEventMeeting> meetings)
    {
        var violations = new List<string>();
        var startups = problem.Startups.ToDictionary(s => s.Id);
        var delegates = problem.Delegates.ToDictionary(d => d.Id);
        var weights = new Dictionary<(string, string), double>();
        foreach (var c in problem.Candidates) weights[(c.Startup, c.Delegate)] = Math.Max(c.Weight, weights.GetValueOrDefault((c.Startup, c.Delegate)));
        foreach (var m in problem.MustMeet) weights.TryAdd((m.Startup, m.Delegate), m.Weight);
        foreach (var l in problem.Locked) weights.TryAdd((l.Startup, l.Delegate), l.Weight);

        var slotsOf = new Dictionary<string, List<int>>();
        var pairs = new HashSet<(string, string)>();
        var tables = new HashSet<(int, int)>();
        var perSlot = new int[problem.Slots.Count];
        var weight = 0.0;
        foreach (var m in meetings)
        {
            var label = $"{m.Startup}-{m.Delegate} at slot {m.Slot}";
            if (!startups.TryGetValue(m.Startup, out var s) || !delegates.TryGetValue(m.Delegate, out var d))
            {
                violations.Add($"{label}: unknown participant");
                continue;
            }
            if (!weights.TryGetValue((m.Startup, m.Delegate), out var w)) violations.Add($"{label}: not a candidate, must-meet or locked pair");
            weight += w;
            if (!pairs.Add((m.Startup, m.Delegate))) violations.Add($"{label}: the pair meets twice");
            if (m.Slot < 0 || m.Slot >= problem.Slots.Count) { violations.Add($"{label}: no such slot"); continue; }
            if (s.Forbidden.Contains(m.Slot)) violations.Add($"{label}: the startup cannot attend");
            if (d.Forbidden.Contains(m.Slot)) violations.Add($"{label}: the delegate cannot attend");
            if (m.Table < 1 || m.Table > problem.Tables) violations.Add($"{label}: no table {m.Table}");
            if (!tables.Add((m.Slot, m.Table))) violations.Add($"{label}: table {m.Table} is taken twice");
            if (++perSlot[m.Slot] > problem.Tables) violations.Add($"slot {m.Slot}: more meetings than tables");
            foreach (var id in new[] { "s:" + m.Startup, "d:" + m.Delegate })
            {
                if (!slotsOf.TryGetValue(id, out var list)) slotsOf[id] = list = [];
                list.Add(m.Slot);
            }
        }
        foreach (var l in problem.Locked)
            if (!meetings.Any(m => m.Startup == l.Startup && m.Delegate == l.Delegate && m.Slot == l.Slot && m.Table == l.Table))
                violations.Add($"locked {l.Startup}-{l.Delegate} is not at slot {l.Slot} table {l.Table}");

        var breaks = 0;
        foreach (var (id, slots) in slotsOf)
        {
            var who = id[0] == 's' ? startups[id[2..]] : delegates[id[2..]];
            slots.Sort();
            for (var k = 1; k < slots.Count; k++)
            {
                if (slots[k] == slots[k - 1]) violations.Add($"{id[2..]} has two meetings in slot {slots[k]}");
                else if (problem.Slots[slots[k]].Day == problem.Slots[slots[k - 1]].Day && slots[k] != slots[k - 1] + 1) breaks++;
            }
            if (who.Cap is { } cap && slots.Count > cap) violations.Add($"{id[2..]} has {slots.Count} meetings, cap {cap}");
            if (who.CapPerDay is { } perDay)
                foreach (var day in slots.GroupBy(t => problem.Slots[t].Day).Where(g => g.Count() > perDay))
                    violations.Add($"{id[2..]} has {day.Count()} meetings on day {day.Key}, cap {perDay}");
        }
        return new Result(violations, breaks, weight);
    }
}
