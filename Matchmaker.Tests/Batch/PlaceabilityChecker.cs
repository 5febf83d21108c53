using Google.OrTools.Sat;

namespace Matchmaker.Tests.Batch;

/// <summary>
/// How many accepted requests can be placed together, proven by its own small CP-SAT model written from the
/// problem statement (design.md § Scheduling), sharing no code with the scheduler: every slot × table holds one
/// meeting, a participant meets once per slot and only in slots it can attend, caps per event and per day
/// hold, confirmed meetings that stay keep their slot and table, a pair meets once. Unconfirmed proposals do
/// not appear at all: the batch may move or drop every one of them for an accepted request.
/// </summary>
public static class PlaceabilityChecker
{
    /// <param name="Slots">Available slots; null = every slot.</param>
    /// <param name="Cap">Most meetings over the event.</param>
    /// <param name="PerDayCap">Most meetings on one day; null = none.</param>
    public sealed record Person(string Id, IReadOnlySet<int>? Slots, int Cap, int? PerDayCap = null)
    {
        public bool Attends(int slot) => Slots is null || Slots.Contains(slot);
    }

    /// <summary>A meeting that stays where it is (confirmed, both can still attend).</summary>
    public sealed record Staying(string Startup, string Delegate, int Slot, int Table);

    /// <param name="DayOfSlot">DayOfSlot[t] = the day of slot t; its length is the number of slots.</param>
    public sealed record Problem(
        IReadOnlyList<int> DayOfSlot,
        int Tables,
        IReadOnlyList<Person> Startups,
        IReadOnlyList<Person> Delegates,
        IReadOnlyList<Staying> Stays,
        IReadOnlyList<(string Startup, string Delegate)> Accepted);

    public sealed record Answer(int MostPlaceable, int Accepted, IReadOnlyList<(string Startup, string Delegate)> OneBestSet);

    public static Answer MostPlaceable(Problem problem, double seconds = 30)
    {
        var slotCount = problem.DayOfSlot.Count;
        var people = problem.Startups.Concat(problem.Delegates).ToDictionary(p => p.Id);
        var accepted = problem.Accepted.Distinct().Where(a => people.ContainsKey(a.Startup) && people.ContainsKey(a.Delegate)).ToList();
        var stayingPairs = problem.Stays.Select(s => (s.Startup, s.Delegate)).ToHashSet();

        // What the staying meetings already take: people's slots, tables per slot, caps.
        var busy = new HashSet<(string, int)>();
        var tablesLeft = Enumerable.Repeat(problem.Tables, slotCount).ToArray();
        var load = new Dictionary<string, int>();
        var dayLoad = new Dictionary<(string, int), int>();
        foreach (var s in problem.Stays)
        {
            busy.Add((s.Startup, s.Slot));
            busy.Add((s.Delegate, s.Slot));
            tablesLeft[s.Slot]--;
            foreach (var who in new[] { s.Startup, s.Delegate })
            {
                load[who] = load.GetValueOrDefault(who) + 1;
                dayLoad[(who, problem.DayOfSlot[s.Slot])] = dayLoad.GetValueOrDefault((who, problem.DayOfSlot[s.Slot])) + 1;
            }
        }

        var model = new CpModel();
        var open = accepted.Where(a => !stayingPairs.Contains(a)).ToList();
        var x = new Dictionary<(int Request, int Slot), BoolVar>();
        for (var r = 0; r < open.Count; r++)
            for (var t = 0; t < slotCount; t++)
            {
                var (s, d) = open[r];
                if (!people[s].Attends(t) || !people[d].Attends(t) || busy.Contains((s, t)) || busy.Contains((d, t)) || tablesLeft[t] <= 0) continue;
                x[(r, t)] = model.NewBoolVar($"r{r}t{t}");
            }
        for (var r = 0; r < open.Count; r++)
        {
            var mine = Enumerable.Range(0, slotCount).Where(t => x.ContainsKey((r, t))).Select(t => x[(r, t)]).ToList();
            if (mine.Count > 1) model.AddAtMostOne(mine);
        }
        for (var t = 0; t < slotCount; t++)
        {
            var here = Enumerable.Range(0, open.Count).Where(r => x.ContainsKey((r, t))).Select(r => x[(r, t)]).ToList();
            if (here.Count > 0) model.Add(LinearExpr.Sum(here) <= tablesLeft[t]);
        }
        foreach (var person in people.Values)
        {
            var mine = Enumerable.Range(0, open.Count).Where(r => open[r].Startup == person.Id || open[r].Delegate == person.Id).ToList();
            if (mine.Count == 0) continue;
            var vars = x.Where(kv => mine.Contains(kv.Key.Request)).ToList();
            foreach (var slot in vars.GroupBy(kv => kv.Key.Slot))
                if (slot.Count() > 1) model.AddAtMostOne(slot.Select(kv => kv.Value));
            model.Add(LinearExpr.Sum(vars.Select(kv => kv.Value)) <= Math.Max(0, person.Cap - load.GetValueOrDefault(person.Id)));
            if (person.PerDayCap is { } perDay)
                foreach (var day in vars.GroupBy(kv => problem.DayOfSlot[kv.Key.Slot]))
                    model.Add(LinearExpr.Sum(day.Select(kv => kv.Value)) <= Math.Max(0, perDay - dayLoad.GetValueOrDefault((person.Id, day.Key))));
        }
        model.Maximize(LinearExpr.Sum(x.Values));

        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{seconds} num_workers:2" };
        var status = solver.Solve(model);
        if (status != CpSolverStatus.Optimal)
            throw new InvalidOperationException($"the placeability model was not solved to optimality ({status})");
        var placed = x.Where(kv => solver.BooleanValue(kv.Value)).Select(kv => open[kv.Key.Request]).ToList();
        var alreadyPlaced = accepted.Where(stayingPairs.Contains).ToList();
        return new Answer(alreadyPlaced.Count + placed.Count, accepted.Count, [.. alreadyPlaced, .. placed]);
    }

    /// <summary>Every hard rule a schedule breaks, in words; empty when it keeps them all.</summary>
    public static IReadOnlyList<string> Violations(Problem problem, IEnumerable<(string Startup, string Delegate, int Slot, int Table)> schedule)
    {
        var meetings = schedule.ToList();
        var problems = new List<string>();
        var people = problem.Startups.Concat(problem.Delegates).ToDictionary(p => p.Id);
        foreach (var clash in meetings.GroupBy(m => (m.Slot, m.Table)).Where(g => g.Count() > 1))
            problems.Add($"slot {clash.Key.Slot} table {clash.Key.Table} holds {clash.Count()} meetings");
        foreach (var m in meetings.Where(m => m.Table < 1 || m.Table > problem.Tables || m.Slot < 0 || m.Slot >= problem.DayOfSlot.Count))
            problems.Add($"{m.Startup}-{m.Delegate} at slot {m.Slot} table {m.Table} is outside the event");
        foreach (var twice in meetings.GroupBy(m => (m.Startup, m.Delegate)).Where(g => g.Count() > 1))
            problems.Add($"{twice.Key} meet {twice.Count()} times");
        foreach (var (who, group) in meetings.GroupBy(m => m.Startup).Select(g => (g.Key, g.ToList()))
                     .Concat(meetings.GroupBy(m => m.Delegate).Select(g => (g.Key, g.ToList()))))
        {
            if (!people.TryGetValue(who, out var person)) { problems.Add($"{who} is not registered"); continue; }
            foreach (var slot in group.GroupBy(m => m.Slot).Where(g => g.Count() > 1)) problems.Add($"{who} meets {slot.Count()} times in slot {slot.Key}");
            foreach (var m in group.Where(m => !person.Attends(m.Slot))) problems.Add($"{who} cannot attend slot {m.Slot}");
            if (group.Count > person.Cap) problems.Add($"{who} has {group.Count} meetings, cap {person.Cap}");
            if (person.PerDayCap is { } perDay)
                foreach (var day in group.GroupBy(m => problem.DayOfSlot[m.Slot]).Where(g => g.Count() > perDay))
                    problems.Add($"{who} has {day.Count()} meetings on day {day.Key}, cap {perDay}");
        }
        foreach (var stay in problem.Stays.Where(s => !meetings.Contains((s.Startup, s.Delegate, s.Slot, s.Table))))
            problems.Add($"confirmed meeting {stay.Startup}-{stay.Delegate} left slot {stay.Slot} table {stay.Table}");
        return problems;
    }
}
