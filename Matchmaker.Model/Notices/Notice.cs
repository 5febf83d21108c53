using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Notices;

/// <summary>What happened that a participant should know about.</summary>
[GenerateSerializer, Alias("matchmaker.notice-kind")]
public enum NoticeKind
{
    /// <summary>A startup asked the delegate for a meeting.</summary>
    RequestReceived = 0,
    /// <summary>A delegate invited the startup to a meeting.</summary>
    InvitationReceived = 1,
    /// <summary>The other party accepted: the meeting is agreed and the next batch places it.</summary>
    RequestAccepted = 2,
    /// <summary>The other party declined a request, an invitation or a proposal.</summary>
    Declined = 3,
    /// <summary>The other party (or the organiser) cancelled an agreed meeting.</summary>
    Cancelled = 4,
    /// <summary>The other party confirmed a proposed meeting; it is agreed once every confirmation the event asks for is in.</summary>
    ProposalConfirmed = 5,
    /// <summary>A new schedule version added, moved or removed meetings of this participant.</summary>
    ScheduleChanged = 6,
    /// <summary>A freed slot is offered to this standby startup: the first to accept gets it.</summary>
    RefillOffered = 7,
    /// <summary>A meeting starts soon.</summary>
    MeetingReminder = 8,
}

/// <summary>
/// One notice for one participant. The id names the change it reports (a request's revision, a schedule version, a
/// reminder for a meeting in a slot), so delivering the same change twice keeps one notice and sends one mail.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.notice")]
public sealed record Notice(
    [property: Id(0)] string Id,
    [property: Id(1)] NoticeKind Kind,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string? MeetingId = null,
    [property: Id(4)] string? OtherId = null,
    [property: Id(5)] int? Slot = null,
    [property: Id(6)] int? Version = null,
    [property: Id(7)] IReadOnlyList<string>? Added = null,
    [property: Id(8)] IReadOnlyList<string>? Moved = null,
    [property: Id(9)] IReadOnlyList<string>? Removed = null,
    [property: Id(10)] string? OfferId = null,
    [property: Id(11)] string? Message = null);

/// <summary>A notice and who it is for.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.addressed-notice")]
public sealed record AddressedNotice(
    [property: Id(0)] ParticipantKind Kind,
    [property: Id(1)] string ParticipantId,
    [property: Id(2)] Notice Notice);
