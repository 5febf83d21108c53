namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>What an independent recount of a schedule found.</summary>
/// <param name="Violations">Every broken hard constraint, in words; empty when the schedule is feasible.</param>
/// <param name="Breaks">Breaks[p - 1] = breaks of participant p, recounted from the slots.</param>
public sealed record ScheduleCheck(IReadOnlyList<string> Violations, IReadOnlyList<int> Breaks, int TotalBreaks, int Spread)
{
    public bool IsFeasible => Violations.Count == 0;
}

/// <summary>
/// Checks a B2B schedule from scratch, sharing no code with the solvers: every meeting placed once,
/// sessions, forbidden and fixed slots, precedences, one meeting per participant per slot, tables,
/// fairness. Breaks are recounted: consecutive meetings of a participant whose slots are not adjacent.
/// </summary>
public static class ScheduleChecker
{
    /// <param name="meetings">In the instance's meeting order.</param>
    /// <param name="fairness">Largest allowed difference between two participants' breaks; null skips it.</param>
    public static ScheduleCheck Check(B2bInstance instance, IReadOnlyList<PlacedMeeting> meetings, int? fairness)
    {
        var violations = new List<string>();
        if (meetings.Count != instance.Meetings.Count)
            violations.Add($"{meetings.Count} meetings placed, {instance.Meetings.Count} requested");

        var slotsOf = Enumerable.Range(0, instance.Participants).Select(_ => new List<int>()).ToArray();
        var tablesUsed = new Dictionary<int, HashSet<int>>();
        var placedSlot = new int[instance.Meetings.Count];
        for (var i = 0; i < Math.Min(meetings.Count, instance.Meetings.Count); i++)
        {
            var placed = meetings[i];
            var wanted = instance.Meetings[i];
            var label = $"meeting {i + 1} ({wanted.A}-{wanted.B})";
            if (!((placed.A == wanted.A && placed.B == wanted.B) || (placed.A == wanted.B && placed.B == wanted.A)))
            {
                violations.Add($"{label}: placed as {placed.A}-{placed.B}");
                continue;
            }
            placedSlot[i] = placed.Slot;
            if (placed.Slot < 1 || placed.Slot > instance.Slots)
            {
                violations.Add($"{label}: slot {placed.Slot} does not exist");
                continue;
            }
            var morning = placed.Slot <= instance.MorningSlots;
            if (wanted.Session == Session.Morning && !morning) violations.Add($"{label}: slot {placed.Slot} is not in the morning");
            if (wanted.Session == Session.Afternoon && morning) violations.Add($"{label}: slot {placed.Slot} is not in the afternoon");
            foreach (var p in new[] { wanted.A, wanted.B })
            {
                if (instance.Forbidden[p - 1].Contains(placed.Slot)) violations.Add($"{label}: slot {placed.Slot} is forbidden for {p}");
                slotsOf[p - 1].Add(placed.Slot);
            }
            if (instance.Fixed[i] != 0 && instance.Fixed[i] != placed.Slot)
                violations.Add($"{label}: fixed at slot {instance.Fixed[i]}, placed at {placed.Slot}");
            if (placed.Table < 1 || placed.Table > instance.Tables)
                violations.Add($"{label}: table {placed.Table} does not exist");
            if (!tablesUsed.TryGetValue(placed.Slot, out var tables)) tablesUsed[placed.Slot] = tables = [];
            if (!tables.Add(placed.Table)) violations.Add($"{label}: table {placed.Table} is taken twice in slot {placed.Slot}");
        }
        for (var i = 0; i < Math.Min(meetings.Count, instance.Meetings.Count); i++)
            foreach (var before in instance.Precedences[i])
                if (placedSlot[before - 1] >= placedSlot[i])
                    violations.Add($"meeting {before} must come before meeting {i + 1}");

        var breaks = new int[instance.Participants];
        for (var p = 0; p < instance.Participants; p++)
        {
            var slots = slotsOf[p];
            slots.Sort();
            for (var k = 1; k < slots.Count; k++)
            {
                if (slots[k] == slots[k - 1]) violations.Add($"participant {p + 1} has two meetings in slot {slots[k]}");
                else if (slots[k] != slots[k - 1] + 1) breaks[p]++;
            }
        }
        var spread = breaks.Length == 0 ? 0 : breaks.Max() - breaks.Min();
        if (fairness is { } d && spread > d) violations.Add($"breaks spread {spread} exceeds fairness {d}");
        return new ScheduleCheck(violations, breaks, breaks.Sum(), spread);
    }
}
