using Google.OrTools.Sat;

namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>How far each unit may go above its least breaks in one model.</summary>
/// <param name="Slack">Budget minus the sum of the units' least breaks: no unit can exceed its least by more.</param>
/// <param name="Spare">Units allowed one break above that (the split of <see cref="SplitSearch.OneMoreBreak"/>).</param>
/// <param name="Most">The most breaks named participants may take (a share of a group's excess).</param>
internal sealed record Limits(IReadOnlyList<Unit> Units, int Slack, IReadOnlyList<Unit>? Spare = null, IReadOnlyDictionary<int, int>? Most = null)
{
    public int Room(Unit unit) => Slack + (Spare?.Contains(unit) == true ? 1 : 0);
}

/// <summary>A CP-SAT model of the instance, its x[m][t] literals, and the most breaks any schedule could have.</summary>
internal sealed record BuiltModel(CpModel Model, BoolVar?[][] X, int MaxPossible);

/// <summary>
/// The CP-SAT model of the B2B problem. Tables are interchangeable, so the model never names them: it only
/// counts meetings per slot, and <see cref="Extract"/> numbers the tables afterwards; that removes a whole
/// dimension of symmetry. Meetings only get literals for the slots their propagated domain allows.
/// </summary>
internal static class ExactModel
{
    /// <summary>The model "all meetings placed with at most <paramref name="budget"/> breaks in total".</summary>
    /// <param name="budget">Null: no bound, minimise the total breaks instead.</param>
    /// <param name="limits">How far each unit may exceed its least breaks; null: no such limit.</param>
    /// <param name="scope">
    /// Null: the whole instance. Otherwise a relaxation that holds only the meetings of these participants
    /// and counts only their breaks: the others keep one meeting per slot and nothing more. Any schedule of
    /// the instance is one of the relaxation too, so when the relaxation fails, so does the instance.
    /// </param>
    /// <param name="atLeast">For a minimising model: a total already known to be needed.</param>
    /// <param name="hint">For a minimising model: a schedule to start from.</param>
    /// <param name="compact">
    /// Count every participant's breaks with start literals, never with day-pattern tables: the tables make
    /// strong "at most B" models but blow up (hundreds of thousands of literals) when breaks may range far,
    /// as in a minimising run from a given schedule far above the bound.
    /// </param>
    public static BuiltModel Build(
        SearchContext context, int? budget, Limits? limits, IReadOnlySet<int>? scope = null, int atLeast = 0,
        IReadOnlyList<PlacedMeeting>? hint = null, bool compact = false)
    {
        var (instance, domains, days, tuning) = (context.Instance, context.Domains, context.Days, context.Tuning);
        var fairness = context.Options.Fairness;
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
                if (domains.Allows(m, t)) allowed.Add(x[m][t] = model.NewBoolVar($"x{m}_{t}"));
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
            var patterns = compact ? null : days[p].PatternsUpTo(domains, allowedBreaks, tuning.PatternLimit);
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
        if (withBreaks.Count > 0 && budget is null)
        {
            // Every total below atLeast was refuted: saying so lets CP-SAT stop as soon as it reaches it.
            if (atLeast > 0) model.Add(LinearExpr.Sum(withBreaks) >= atLeast);
            model.Minimize(LinearExpr.Sum(withBreaks));
        }

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

        // "i before j" twice over: as a linear inequality on the slot numbers (which the LP sees), and as
        // clauses "j in t ⇒ i in some slot before t", "i in t ⇒ j in some slot after t", on which unit
        // propagation removes every slot the other meeting cannot support; the inequality alone only moves
        // bounds, and left precedence variants undecided at the floor.
        for (var m = 0; m < meetingCount; m++)
            foreach (var before in instance.Precedences[m])
            {
                var (first, second) = (x[before - 1], x[m]);
                if (!first.Any(v => v is not null) || !second.Any(v => v is not null)) continue;
                model.Add(SlotOf(first) + 1 <= SlotOf(second));
                for (var t = 1; t <= slots; t++)
                {
                    if (second[t] is { } late)
                        model.AddBoolOr(first.Take(t).OfType<BoolVar>().Select(v => (ILiteral)v).Prepend(late.Not()));
                    if (first[t] is { } early)
                        model.AddBoolOr(second.Skip(t + 1).OfType<BoolVar>().Select(v => (ILiteral)v).Prepend(early.Not()));
                }
            }

        if (hint is not null)
            for (var m = 0; m < meetingCount; m++)
                if (x[m][hint[m].Slot] is { } chosen) model.AddHint(chosen, true);

        return new BuiltModel(model, x, maxPossible);
    }

    /// <summary>
    /// The most breaks anybody may have under fairness d: a participant with at most one meeting has 0
    /// breaks, so when one exists nobody may exceed d. No cap otherwise.
    /// </summary>
    public static int FairnessCap(Day[] days, int? fairness) =>
        fairness is { } d && days.Any(day => day.Meetings.Count <= 1) ? d : int.MaxValue;

    /// <summary>The schedule a solved model holds, in the instance's meeting order; the k-th meeting of a slot gets table k.</summary>
    public static List<PlacedMeeting> Extract(B2bInstance instance, BoolVar?[][] x, CpSolver solver)
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

    private static LinearExpr SlotOf(BoolVar?[] row)
    {
        var builder = LinearExpr.NewBuilder();
        for (var t = 1; t < row.Length; t++)
            if (row[t] is { } v) builder.AddTerm(v, t);
        return builder;
    }
}
