namespace Matchmaker.Model.Scheduling.Events;

/// <summary>A time slot of the event; its index in <see cref="EventSchedulingProblem.Slots"/> is its number (from 0).</summary>
/// <param name="Day">Day index from 0; slots of one day are consecutive in the list.</param>
/// <param name="Session">Session index within the day (morning, afternoon, …).</param>
public sealed record DaySession(int Day, int Session);

/// <summary>A startup or a delegate.</summary>
/// <param name="Forbidden">Slot indexes the participant cannot attend.</param>
/// <param name="Cap">Most meetings in the event; null = no cap beyond the free slots.</param>
/// <param name="CapPerDay">Most meetings on one day; null = none.</param>
public sealed record EventParticipant(string Id, IReadOnlySet<int> Forbidden, int? Cap = null, int? CapPerDay = null)
{
    public static EventParticipant Free(string id, int? cap = null) => new(id, new HashSet<int>(), cap);
}

/// <summary>A meeting worth having, with its weight (ranking score, request state…).</summary>
public sealed record CandidatePair(string Startup, string Delegate, double Weight);

/// <summary>A meeting that must take place (an accepted request).</summary>
public sealed record MustMeetPair(string Startup, string Delegate, double Weight = 1);

/// <summary>A published and confirmed meeting: it keeps its slot and table.</summary>
public sealed record LockedMeeting(string Startup, string Delegate, int Slot, int Table, double Weight = 1);

/// <summary>A meeting of the previous schedule version, kept in place where possible.</summary>
public sealed record PreviousMeeting(string Startup, string Delegate, int Slot);

/// <summary>Everything the event mode needs to choose and place meetings.</summary>
/// <param name="Tables">Tables per slot, numbered 1..Tables.</param>
public sealed record EventSchedulingProblem(
    IReadOnlyList<DaySession> Slots,
    int Tables,
    IReadOnlyList<EventParticipant> Startups,
    IReadOnlyList<EventParticipant> Delegates,
    IReadOnlyList<CandidatePair> Candidates,
    IReadOnlyList<MustMeetPair> MustMeet,
    IReadOnlyList<LockedMeeting> Locked,
    IReadOnlyList<PreviousMeeting> Previous)
{
    /// <summary><paramref name="days"/> × <paramref name="slotsPerDay"/> slots, the day split evenly into sessions.</summary>
    public static IReadOnlyList<DaySession> Grid(int days, int slotsPerDay, int sessionsPerDay = 1) =>
        Enumerable.Range(0, days * slotsPerDay)
            .Select(i => new DaySession(i / slotsPerDay, i % slotsPerDay * sessionsPerDay / slotsPerDay))
            .ToArray();
}

/// <summary>Knobs of the event mode.</summary>
/// <param name="FairnessPenalty">
/// Each additional meeting of a startup costs this share of the mean candidate weight more than the one
/// before, so a startup's first meeting beats another's fifth unless the weights differ a lot.
/// </param>
/// <param name="FirstMeetingBonus">
/// Share of the mean weight added to a startup's first meeting, so nobody is left without one while a
/// candidate with room exists.
/// </param>
/// <param name="StabilityBonus">
/// Share of the mean weight added to pairs of the previous schedule. Large enough that a rerun keeps the proposals
/// people were told about unless something must take their place: at 0.5, one accepted request replaced 9 of a
/// scout's 18 proposals on the demo (each a mail); at 4 it replaces about one.
/// </param>
/// <param name="MustMeetSeconds">
/// Most seconds for choosing which must-meets fit together when the greedy pass leaves some out (at most half
/// of the time left).
/// </param>
public sealed record EventSchedulerOptions(
    double TimeLimitSeconds = 60,
    double FairnessPenalty = 0.05,
    double FirstMeetingBonus = 1.0,
    double StabilityBonus = 4,
    double MustMeetSeconds = 20);

/// <summary>A placed meeting; slot from 0, table from 1.</summary>
public sealed record PlacedEventMeeting(string Startup, string Delegate, int Slot, int Table, double Weight, bool MustMeet, bool Locked);

/// <summary>Why a must-meet has no place in the schedule.</summary>
public enum UnplacedReason
{
    UnknownParticipant,
    NoCommonFreeSlot,
    StartupCapReached,
    DelegateCapReached,
    NoSlotLeft,
}

public sealed record UnplacedMustMeet(string Startup, string Delegate, UnplacedReason Reason);

/// <summary>Quality figures of an event schedule.</summary>
/// <param name="UpperBound">Best total weight any schedule could reach (b-matching ignoring time).</param>
/// <param name="Gap">(UpperBound - TotalWeight) / UpperBound.</param>
/// <param name="Moved">Meetings of the previous schedule that are gone or in another slot.</param>
public sealed record EventScheduleStats(
    int Placed,
    int MustMeetsPlaced,
    int MustMeets,
    double TotalWeight,
    double UpperBound,
    double Gap,
    int TotalBreaks,
    int MaxMeetingsPerStartup,
    int MinMeetingsPerStartup,
    int StartupsWithoutMeeting,
    int Moved,
    double Seconds);

public sealed record EventSchedule(
    IReadOnlyList<PlacedEventMeeting> Meetings,
    IReadOnlyList<UnplacedMustMeet> Unplaced,
    EventScheduleStats Stats);
