using System.Globalization;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Live;

/// <summary>
/// A party that did not come to a meeting, reported by the other party or by the organiser once the slot had started.
/// One per meeting: the first report stands.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.no-show")]
public sealed record NoShow(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] RequestSide Absent,
    [property: Id(2)] string AbsentId,
    [property: Id(3)] int Slot,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string ReportedBy);

/// <summary>When a no-show may be reported, by whom, and whether the rest of its slot is worth offering to standby startups.</summary>
public static class NoShowRules
{
    /// <summary>How long after a meeting's start a party counts as absent.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The shortest meeting worth refilling: the rest of a slot freed by a no-show is offered only while at least this
    /// much of it is left (a 20-minute slot reported at its 5th minute leaves 15, so the offer stays open 5 minutes).
    /// </summary>
    public static readonly TimeSpan ShortestRefill = TimeSpan.FromMinutes(10);

    /// <summary>What the organiser reports as; participants report as their own id.</summary>
    public const string Organiser = "organiser";

    /// <summary>
    /// The side <paramref name="actor"/> reports absent, or null when it may not: the organiser names a side; a party of
    /// the meeting reports the other side (naming its own is refused); nobody else reports anything.
    /// </summary>
    public static RequestSide? AbsentSide(Actor actor, string eventId, string startupId, string delegateId, RequestSide? named)
    {
        if (AccessRules.MayOrganise(actor, eventId)) return named is RequestSide.Startup or RequestSide.Delegate ? named : null;
        if (actor.Is(eventId, ParticipantKind.Startup, startupId)) return named is null or RequestSide.Delegate ? RequestSide.Delegate : null;
        if (actor.Is(eventId, ParticipantKind.Delegate, delegateId)) return named is null or RequestSide.Startup ? RequestSide.Startup : null;
        return null;
    }

    /// <summary>The earliest moment a no-show may be reported for a meeting starting at <paramref name="slotStart"/>.</summary>
    public static DateTimeOffset OpensAt(DateTimeOffset slotStart) => slotStart + Grace;

    /// <summary>
    /// The no-show to keep (the new report, or the same one made before) or why not: the grace period must be over,
    /// the absent side must not have checked in, and a meeting already reported keeps its first report.
    /// </summary>
    public static (NoShow? Recorded, Message? Refusal) Mark(NoShow report, DateTimeOffset slotStart, NoShow? existing, IEnumerable<CheckIn> checkIns)
    {
        if (existing is not null)
            return existing.Absent == report.Absent
                ? (existing, null)
                : (null, Phrases.AlreadyAbsent.With(Name(existing.Absent), report.MeetingId));
        if (report.At < OpensAt(slotStart))
            return (null, Phrases.NoShowTooEarly.With(Grace.TotalMinutes, OpensAt(slotStart).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        if (checkIns.Any(c => c.MeetingId == report.MeetingId && c.Side == report.Absent))
            return (null, Phrases.CheckedIn.With(Name(report.Absent), report.MeetingId));
        return (report, null);
    }

    /// <summary>
    /// Until when the rest of a slot freed by a no-show may be taken by a standby startup, or null when it is not offered:
    /// only when the scout is the one waiting (standby startups meet scouts), and while at least <see cref="ShortestRefill"/> is left.
    /// </summary>
    public static DateTimeOffset? RefillOpenUntil(RequestSide absent, DateTimeOffset slotEnd, DateTimeOffset now)
    {
        if (absent != RequestSide.Startup) return null;
        var until = slotEnd - ShortestRefill;
        return now < until ? until : null;
    }

    /// <summary>The share of meetings that had started (their grace over) whose party did not come; null when none had.</summary>
    public static double? Rate(int noShows, int startedMeetings) => startedMeetings == 0 ? null : (double)noShows / startedMeetings;

    private static string Name(RequestSide side) => side == RequestSide.Startup ? "startup" : "delegate";
}
