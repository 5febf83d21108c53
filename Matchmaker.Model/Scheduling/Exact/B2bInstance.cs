namespace Matchmaker.Model.Scheduling.Exact;

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
/// <param name="Infeasibility">Why no schedule exists, when <paramref name="Status"/> is <c>Infeasible</c>.</param>
public sealed record B2bSchedule(
    string Instance,
    SolveStatus Status,
    int? Breaks,
    double LowerBound,
    double Seconds,
    IReadOnlyList<PlacedMeeting> Meetings,
    Infeasibility? Infeasibility = null);

/// <summary>The kinds of proof that an instance has no schedule, from the cheapest to find to the dearest.</summary>
public enum InfeasibilityKind
{
    /// <summary>A fixed meeting in a slot one of its participants cannot attend, or outside its session.</summary>
    FixedSlotNotAllowed,
    /// <summary>A meeting whose session's slots are all forbidden to one of its participants.</summary>
    NoSlotForMeeting,
    /// <summary>Two meetings of one participant fixed (or forced) into the same slot.</summary>
    ParticipantSlotClash,
    /// <summary>More meetings fixed (or forced) into a slot than it has tables.</summary>
    TablesExceeded,
    /// <summary>A participant with more meetings than slots it can use for them.</summary>
    TooFewSlots,
    /// <summary>Meetings that must each come before the next, round in a circle.</summary>
    PrecedenceCycle,
    /// <summary>A meeting left without a slot once fixed meetings, tables and precedences are propagated.</summary>
    NoSlotAfterPropagation,
    /// <summary>A participant whose own meetings force more breaks than fairness allows.</summary>
    FairnessUnreachable,
    /// <summary>A participant and the participants it meets have no schedule even among themselves.</summary>
    NeighbourhoodInfeasible,
    /// <summary>No simpler reason: CP-SAT's search proved that no schedule satisfies everything together.</summary>
    ProvenBySearch,
}

/// <summary>Why an instance has no schedule: the kind, and a sentence naming the meetings, participants or slots.</summary>
public sealed record Infeasibility(InfeasibilityKind Kind, string Text);
