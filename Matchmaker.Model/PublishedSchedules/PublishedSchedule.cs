using Matchmaker.Model.Grains;

namespace Matchmaker.Model.PublishedSchedules;

/// <summary>Why a meeting is on the schedule.</summary>
[GenerateSerializer, Alias("matchmaker.meeting-origin")]
public enum MeetingOrigin
{
    /// <summary>An accepted request (or mutual interest): a must-meet.</summary>
    Accepted = 0,
    /// <summary>Chosen by the batch from the ranked matches.</summary>
    Recommended = 1,
    /// <summary>A freed slot a standby startup took during the event.</summary>
    Refill = 2,
}

/// <summary>
/// One meeting of a schedule version. A pair meets at most once, so the id is the pair
/// (<c>startupId.delegateId</c>) and stays the same across versions: calendars update it instead of duplicating.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.scheduled-meeting")]
public sealed record PublishedMeeting(
    [property: Id(0)] string Id,
    [property: Id(1)] string StartupId,
    [property: Id(2)] string DelegateId,
    [property: Id(3)] int Slot,
    [property: Id(4)] int Table,
    [property: Id(5)] MeetingOrigin Origin,
    [property: Id(6)] double Score);

/// <summary>How the batch placed the chosen meetings in time.</summary>
[GenerateSerializer, Alias("matchmaker.placement-method")]
public enum PlacementMethod
{
    /// <summary>The event mode's greedy placement and local search (large events, and schedules written before the exact mode).</summary>
    Event = 0,
    /// <summary>Each day placed again by the exact B2B solver: fewest breaks, bounded unfairness, proven or with a lower bound.</summary>
    Exact = 1,
}

/// <summary>What the exact placement proved.</summary>
[GenerateSerializer, Alias("matchmaker.exact-status")]
public enum ExactStatus
{
    /// <summary>No placement of these meetings on these days has fewer breaks within the fairness bound.</summary>
    Optimal = 0,
    /// <summary>The best placement found in the time budget; the lower bound gives the gap.</summary>
    Feasible = 1,
}

/// <summary>How good a schedule is, for the organiser.</summary>
/// <param name="Placement">How the meetings were placed in time; <c>Event</c> in schedules written before the exact mode.</param>
/// <param name="ExactStatus">With the exact placement: optimal, or feasible with <paramref name="BreaksLowerBound"/>.</param>
/// <param name="BreaksLowerBound">No placement of the chosen meetings (on their days) has fewer breaks.</param>
/// <param name="BreaksGap">(breaks − lower bound) / breaks: 0 when optimal.</param>
/// <param name="EventModeBreaks">Breaks of the event mode's placement, before the exact placement.</param>
/// <param name="BreaksFairness">Most breaks a participant may have above another on a day, as the exact placement held it.</param>
[GenerateSerializer, Immutable, Alias("matchmaker.schedule-quality")]
public sealed record ScheduleQuality(
    [property: Id(0)] int Meetings,
    [property: Id(1)] int MustMeets,
    [property: Id(2)] int MustMeetsPlaced,
    [property: Id(3)] int TotalBreaks,
    [property: Id(4)] int StartupsWithoutMeetings,
    [property: Id(5)] int MinMeetingsPerStartup,
    [property: Id(6)] int MaxMeetingsPerStartup,
    [property: Id(7)] double Weight,
    [property: Id(8)] double WeightUpperBound,
    [property: Id(9)] int Moved,
    [property: Id(10)] IReadOnlyList<string> Unplaced,
    [property: Id(11)] PlacementMethod Placement = PlacementMethod.Event,
    [property: Id(12)] ExactStatus? ExactStatus = null,
    [property: Id(13)] int? BreaksLowerBound = null,
    [property: Id(14)] double? BreaksGap = null,
    [property: Id(15)] int? EventModeBreaks = null,
    [property: Id(16)] int? BreaksFairness = null);

/// <summary>What changed for one participant since the previous version.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.participant-diff")]
public sealed record ParticipantDiff(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] IReadOnlyList<string> Added,
    [property: Id(2)] IReadOnlyList<string> Moved,
    [property: Id(3)] IReadOnlyList<string> Cancelled);

/// <summary>A schedule version as the batch wrote it; immutable once written, published by the event's pointer.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.published-schedule")]
public sealed record PublishedSchedule(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Version,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] IReadOnlyList<PublishedMeeting> Meetings,
    [property: Id(4)] ScheduleQuality Quality,
    [property: Id(5)] IReadOnlyList<ParticipantDiff> Changes)
{
    public IEnumerable<PublishedMeeting> MeetingsOf(ParticipantKind kind, string participantId) =>
        Meetings.Where(m => (kind == ParticipantKind.Startup ? m.StartupId : m.DelegateId) == participantId);
}

/// <summary>Compares two versions meeting by meeting: added, moved (other slot or table) and cancelled, per participant.</summary>
public static class ScheduleDiff
{
    public static IReadOnlyList<ParticipantDiff> Between(IReadOnlyList<PublishedMeeting> previous, IReadOnlyList<PublishedMeeting> next)
    {
        var before = previous.ToDictionary(m => m.Id);
        var after = next.ToDictionary(m => m.Id);
        var changes = new Dictionary<string, (List<string> Added, List<string> Moved, List<string> Cancelled)>(StringComparer.Ordinal);
        (List<string>, List<string>, List<string>) Of(string participant) =>
            changes.TryGetValue(participant, out var lists) ? lists : changes[participant] = ([], [], []);

        foreach (var meeting in next)
        {
            if (!before.TryGetValue(meeting.Id, out var old))
            {
                Of(meeting.StartupId).Item1.Add(meeting.Id);
                Of(meeting.DelegateId).Item1.Add(meeting.Id);
            }
            else if (old.Slot != meeting.Slot || old.Table != meeting.Table)
            {
                Of(meeting.StartupId).Item2.Add(meeting.Id);
                Of(meeting.DelegateId).Item2.Add(meeting.Id);
            }
        }
        foreach (var meeting in previous.Where(m => !after.ContainsKey(m.Id)))
        {
            Of(meeting.StartupId).Item3.Add(meeting.Id);
            Of(meeting.DelegateId).Item3.Add(meeting.Id);
        }
        return changes.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ParticipantDiff(c.Key, c.Value.Added, c.Value.Moved, c.Value.Cancelled))
            .ToList();
    }
}
