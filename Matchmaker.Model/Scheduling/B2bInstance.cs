namespace Matchmaker.Model.Scheduling;

/// <summary>When a requested meeting may take place (the paper's session field).</summary>
public enum Session
{
    Morning = 1,
    Afternoon = 2,
    Either = 3,
}

/// <summary>One meeting that must be scheduled: participants numbered 1..Participants as in the file.</summary>
public sealed record RequestedMeeting(int A, int B, Session Session);

/// <summary>
/// A fixed set of meetings to place (the B2B meeting scheduling problem of Bofill et al., JAIR 2022).
/// Participants, slots and meetings are numbered from 1 as in the instance files.
/// </summary>
/// <param name="Forbidden">Forbidden[p - 1] = the slots participant p cannot attend.</param>
/// <param name="Fixed">Fixed[m - 1] = the slot meeting m must take, 0 when free.</param>
/// <param name="Precedences">Precedences[m - 1] = meetings that must take an earlier slot than meeting m.</param>
public sealed record B2bInstance(
    string Name,
    int Participants,
    int Slots,
    int MorningSlots,
    int Tables,
    IReadOnlyList<RequestedMeeting> Meetings,
    IReadOnlyList<IReadOnlySet<int>> Forbidden,
    IReadOnlyList<int> Fixed,
    IReadOnlyList<IReadOnlyList<int>> Precedences)
{
    /// <summary>Builds an instance without fixed meetings or precedences.</summary>
    public static B2bInstance Create(
        string name, int participants, int slots, int morningSlots, int tables,
        IReadOnlyList<RequestedMeeting> meetings, IReadOnlyList<IReadOnlySet<int>>? forbidden = null) =>
        new(name, participants, slots, morningSlots, tables, meetings,
            forbidden ?? Enumerable.Range(0, participants).Select(_ => (IReadOnlySet<int>)new HashSet<int>()).ToArray(),
            new int[meetings.Count],
            Enumerable.Range(0, meetings.Count).Select(_ => (IReadOnlyList<int>)Array.Empty<int>()).ToArray());

    /// <summary>Whether meeting <paramref name="meeting"/> (0-based) may take slot <paramref name="slot"/> (1-based).</summary>
    public bool Allows(int meeting, int slot)
    {
        var m = Meetings[meeting];
        if (slot < 1 || slot > Slots) return false;
        var inMorning = slot <= MorningSlots;
        if (m.Session == Session.Morning && !inMorning) return false;
        if (m.Session == Session.Afternoon && inMorning) return false;
        if (Forbidden[m.A - 1].Contains(slot) || Forbidden[m.B - 1].Contains(slot)) return false;
        var fixedSlot = Fixed[meeting];
        return fixedSlot == 0 || fixedSlot == slot;
    }
}

/// <summary>A meeting placed in a slot at a table (all numbered from 1).</summary>
public sealed record PlacedMeeting(int A, int B, int Slot, int Table);

/// <summary>How far a solver got: <c>Optimal</c> only with a proof.</summary>
public enum SolveStatus
{
    Optimal,
    Feasible,
    Infeasible,
    Unknown,
}

/// <summary>The answer of the exact scheduler; Meetings follow the instance's meeting order.</summary>
public sealed record B2bSchedule(
    string Instance,
    SolveStatus Status,
    int? Breaks,
    double LowerBound,
    double Seconds,
    IReadOnlyList<PlacedMeeting> Meetings);
