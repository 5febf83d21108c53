namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>
/// The slots each meeting may still take once sessions, forbidden slots, fixed meetings, tables and
/// precedences are propagated, before any search. Propagating first does two things: many infeasible
/// instances are caught in microseconds with a reason a person can act on (a fixed meeting in a forbidden
/// slot, a participant with more meetings than free slots, a precedence cycle), where CP-SAT would only say
/// "infeasible" after its presolve and search; and the model is built over smaller domains, which makes the
/// participants' day patterns (and so the lower bound and the search) tighter.
/// </summary>
public sealed class SlotDomains
{
    private readonly bool[][] allowed;

    private SlotDomains(bool[][] allowed) => this.allowed = allowed;

    /// <summary>Whether meeting <paramref name="meeting"/> (0-based) may take slot <paramref name="slot"/> (1-based).</summary>
    public bool Allows(int meeting, int slot) => slot >= 1 && slot < allowed[meeting].Length && allowed[meeting][slot];

    /// <summary>Propagates to a fixpoint; returns the domains, or why no schedule can exist.</summary>
    public static (SlotDomains? Domains, Infeasibility? Reason) Propagate(B2bInstance instance)
    {
        var count = instance.Meetings.Count;
        string Label(int m) => $"meeting {m + 1} ({instance.Meetings[m].A}-{instance.Meetings[m].B})";

        // Fixed meetings first: their own conflicts have the plainest reasons.
        var fixedHere = new Dictionary<(int Participant, int Slot), int>();
        var fixedInSlot = new int[instance.Slots + 1];
        for (var m = 0; m < count; m++)
        {
            var slot = instance.Fixed[m];
            if (slot == 0) continue;
            var meeting = instance.Meetings[m];
            var blocker = new[] { meeting.A, meeting.B }.FirstOrDefault(p => instance.Forbidden[p - 1].Contains(slot));
            if (blocker != 0)
                return Fail(InfeasibilityKind.FixedSlotNotAllowed, $"{Label(m)} is fixed at slot {slot}, which participant {blocker} has forbidden");
            if (!instance.Allows(m, slot))
                return Fail(InfeasibilityKind.FixedSlotNotAllowed, $"{Label(m)} is fixed at slot {slot}, outside its session");
            foreach (var p in new[] { meeting.A, meeting.B })
                if (!fixedHere.TryAdd((p, slot), m))
                    return Fail(InfeasibilityKind.ParticipantSlotClash,
                        $"participant {p} has {Label(fixedHere[(p, slot)])} and {Label(m)} both fixed into slot {slot}");
            if (++fixedInSlot[slot] > instance.Tables)
                return Fail(InfeasibilityKind.TablesExceeded, $"slot {slot} holds {fixedInSlot[slot]} fixed meetings but has {instance.Tables} tables");
        }

        var allowed = new bool[count][];
        for (var m = 0; m < count; m++)
        {
            allowed[m] = new bool[instance.Slots + 1];
            for (var t = 1; t <= instance.Slots; t++) allowed[m][t] = instance.Allows(m, t);
            if (!allowed[m].Any(a => a))
                return Fail(InfeasibilityKind.NoSlotForMeeting, $"{Label(m)} has no slot: every slot of its session is forbidden to {instance.Meetings[m].A} or {instance.Meetings[m].B}");
        }

        // Tables over the whole event and per session: every meeting needs a table in some slot.
        var afternoonSlots = instance.Slots - instance.MorningSlots;
        foreach (var (what, needed, slots) in new[]
        {
            ("meetings", count, instance.Slots),
            ("morning meetings", instance.Meetings.Count(m => m.Session == Session.Morning), instance.MorningSlots),
            ("afternoon meetings", instance.Meetings.Count(m => m.Session == Session.Afternoon), afternoonSlots),
        })
            if (needed > slots * instance.Tables)
                return Fail(InfeasibilityKind.TablesExceeded, $"{needed} {what} need a table but {slots} slots × {instance.Tables} tables hold {slots * instance.Tables}");

        var meetingsOf = Enumerable.Range(0, instance.Participants).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < count; m++)
        {
            meetingsOf[instance.Meetings[m].A - 1].Add(m);
            meetingsOf[instance.Meetings[m].B - 1].Add(m);
        }
        if (TooFewSlots(instance, allowed, meetingsOf) is { } crowded) return Fail(InfeasibilityKind.TooFewSlots, crowded);
        if (Cycle(instance) is { } cycle)
            return Fail(InfeasibilityKind.PrecedenceCycle,
                $"meetings {string.Join(" → ", cycle.Select(m => m + 1))} must each come before the next, round in a circle");
        var order = TopologicalOrder(instance);

        for (var changed = true; changed;)
        {
            changed = false;
            // A meeting with one slot left takes that slot from its participants' other meetings.
            var decided = new int[count];
            for (var m = 0; m < count; m++)
                decided[m] = Single(allowed[m]);
            for (var p = 0; p < instance.Participants; p++)
            {
                var holder = new Dictionary<int, int>();
                foreach (var m in meetingsOf[p])
                {
                    if (decided[m] == 0) continue;
                    if (holder.TryGetValue(decided[m], out var other))
                        return Fail(InfeasibilityKind.ParticipantSlotClash,
                            $"participant {p + 1} has {Label(other)} and {Label(m)} both forced into slot {decided[m]}");
                    holder[decided[m]] = m;
                }
                foreach (var m in meetingsOf[p])
                    foreach (var (slot, _) in holder)
                        if (decided[m] == 0 && allowed[m][slot])
                        {
                            allowed[m][slot] = false;
                            changed = true;
                        }
            }
            // A slot whose tables are all taken by decided meetings is closed to the rest.
            for (var t = 1; t <= instance.Slots; t++)
            {
                var taken = Enumerable.Range(0, count).Count(m => decided[m] == t);
                if (taken > instance.Tables)
                    return Fail(InfeasibilityKind.TablesExceeded, $"slot {t} holds {taken} fixed or forced meetings but has {instance.Tables} tables");
                if (taken < instance.Tables) continue;
                for (var m = 0; m < count; m++)
                    if (decided[m] == 0 && allowed[m][t])
                    {
                        allowed[m][t] = false;
                        changed = true;
                    }
            }
            // "i before m": m starts after i's earliest slot, i ends before m's latest (forwards, then backwards).
            foreach (var m in order)
                foreach (var before in instance.Precedences[m])
                {
                    var earliest = First(allowed[before - 1]);
                    for (var t = 1; t <= Math.Min(earliest, instance.Slots); t++)
                        if (allowed[m][t]) { allowed[m][t] = false; changed = true; }
                }
            foreach (var m in Enumerable.Reverse(order))
                foreach (var before in instance.Precedences[m])
                {
                    var latest = Last(allowed[m]);
                    for (var t = Math.Max(latest, 1); t <= instance.Slots; t++)
                        if (allowed[before - 1][t]) { allowed[before - 1][t] = false; changed = true; }
                }
            for (var m = 0; m < count; m++)
                if (!allowed[m].Any(a => a))
                    return Fail(InfeasibilityKind.NoSlotAfterPropagation,
                        $"{Label(m)} has no slot left once fixed meetings, tables and precedences are taken into account");
            if (changed && TooFewSlots(instance, allowed, meetingsOf) is { } squeezed)
                return Fail(InfeasibilityKind.TooFewSlots, squeezed + " once fixed meetings, tables and precedences are taken into account");
        }
        return (new SlotDomains(allowed), null);
    }

    private static (SlotDomains?, Infeasibility?) Fail(InfeasibilityKind kind, string text) => (null, new Infeasibility(kind, text));

    private static int Single(bool[] row)
    {
        var found = 0;
        for (var t = 1; t < row.Length; t++)
        {
            if (!row[t]) continue;
            if (found != 0) return 0;
            found = t;
        }
        return found;
    }

    private static int First(bool[] row)
    {
        for (var t = 1; t < row.Length; t++) if (row[t]) return t;
        return row.Length;
    }

    private static int Last(bool[] row)
    {
        for (var t = row.Length - 1; t >= 1; t--) if (row[t]) return t;
        return 0;
    }

    /// <summary>
    /// A participant whose meetings cannot take distinct slots (Hall's condition, checked by a matching):
    /// the sentence names it, its meetings and the slots they can use.
    /// </summary>
    private static string? TooFewSlots(B2bInstance instance, bool[][] allowed, List<int>[] meetingsOf)
    {
        for (var p = 0; p < meetingsOf.Length; p++)
        {
            var mine = meetingsOf[p];
            if (mine.Count < 2) continue;
            var usable = Enumerable.Range(1, instance.Slots).Count(t => mine.Any(m => allowed[m][t]));
            if (usable < mine.Count)
                return $"participant {p + 1} has {mine.Count} meetings but only {usable} slots it can use for them";
            if (!Matching(instance.Slots, mine, allowed))
                return $"participant {p + 1} has {mine.Count} meetings that cannot take {mine.Count} different slots of those allowed to them";
        }
        return null;
    }

    private static bool Matching(int slots, List<int> mine, bool[][] allowed)
    {
        var holder = new int[slots + 1];
        Array.Fill(holder, -1);
        bool Place(int i, bool[] seen)
        {
            for (var t = 1; t <= slots; t++)
            {
                if (!allowed[mine[i]][t] || seen[t]) continue;
                seen[t] = true;
                if (holder[t] < 0 || Place(holder[t], seen))
                {
                    holder[t] = i;
                    return true;
                }
            }
            return false;
        }
        for (var i = 0; i < mine.Count; i++)
            if (!Place(i, new bool[slots + 1])) return false;
        return true;
    }

    /// <summary>A cycle of precedences as 0-based meetings in order (first repeated at the end), or null.</summary>
    private static List<int>? Cycle(B2bInstance instance)
    {
        var count = instance.Meetings.Count;
        // Edges run from a meeting to the ones that must come after it.
        var after = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < count; m++)
            foreach (var before in instance.Precedences[m]) after[before - 1].Add(m);
        var state = new byte[count]; // 0 unseen, 1 on the current path, 2 done
        var parent = new int[count];
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0) continue;
            // Iterative depth-first search: long chains must not overflow the stack.
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < after[node].Count)
                {
                    stack.Push((node, next + 1));
                    var child = after[node][next];
                    if (state[child] == 1)
                    {
                        var cycle = new List<int> { child };
                        for (var at = node; at != child; at = parent[at]) cycle.Add(at);
                        cycle.Add(child);
                        cycle.Reverse();
                        return cycle;
                    }
                    if (state[child] == 0)
                    {
                        state[child] = 1;
                        parent[child] = node;
                        stack.Push((child, 0));
                    }
                }
                else state[node] = 2;
            }
        }
        return null;
    }

    /// <summary>Meetings ordered so that every meeting comes after those it must follow (no cycle assumed).</summary>
    private static List<int> TopologicalOrder(B2bInstance instance)
    {
        var count = instance.Meetings.Count;
        var waiting = instance.Precedences.Select(before => before.Count).ToArray();
        var after = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < count; m++)
            foreach (var before in instance.Precedences[m]) after[before - 1].Add(m);
        var ready = new Queue<int>(Enumerable.Range(0, count).Where(m => waiting[m] == 0));
        var order = new List<int>(count);
        while (ready.TryDequeue(out var m))
        {
            order.Add(m);
            foreach (var next in after[m])
                if (--waiting[next] == 0) ready.Enqueue(next);
        }
        return order;
    }
}
