using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Access;

/// <summary>What a credential lets its holder be.</summary>
[GenerateSerializer, Alias("matchmaker.actor-role")]
public enum ActorRole
{
    /// <summary>The operator of this Matchmaker instance: creates events, resets an event's organiser key.</summary>
    Admin = 0,
    /// <summary>Holds one event's key: everything about that event.</summary>
    Organiser = 1,
    /// <summary>A startup or a delegate of one event, acting as itself.</summary>
    Participant = 2,
    /// <summary>A calendar app subscribed to one participant's agenda: reads that agenda only.</summary>
    CalendarFeed = 3,
}

/// <summary>
/// Who is acting. Every command carries one, and the rules in <see cref="AccessRules"/> decide from it alone
/// (with the stored record the command touches), so the same decision is made by endpoints, pages and grains.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.actor")]
public sealed record Actor(
    [property: Id(0)] ActorRole Role,
    [property: Id(1)] string? EventId,
    [property: Id(2)] ParticipantKind? Kind = null,
    [property: Id(3)] string? ParticipantId = null)
{
    public static readonly Actor Admin = new(ActorRole.Admin, null);

    /// <summary>The demo seed and CLI verbs that run inside the service act as the event's organiser.</summary>
    public static Actor OrganiserOf(string eventId) => new(ActorRole.Organiser, eventId);

    public static Actor ParticipantOf(string eventId, ParticipantKind kind, string participantId) =>
        new(ActorRole.Participant, eventId, kind, participantId);

    public static Actor FeedOf(string eventId, ParticipantKind kind, string participantId) =>
        new(ActorRole.CalendarFeed, eventId, kind, participantId);

    public bool IsOrganiserOf(string eventId) => Role == ActorRole.Organiser && EventId == eventId;

    /// <summary>The participant itself, signed in (a calendar feed is not the participant).</summary>
    public bool Is(string eventId, ParticipantKind kind, string participantId) =>
        Role == ActorRole.Participant && EventId == eventId && Kind == kind && ParticipantId == participantId;

    /// <summary>The side this actor speaks for in a request or a meeting, when it is a participant.</summary>
    public RequestSide? Side => Role != ActorRole.Participant ? null
        : Kind == ParticipantKind.Startup ? RequestSide.Startup : RequestSide.Delegate;

    public override string ToString() => Role switch
    {
        ActorRole.Admin => "the instance admin",
        ActorRole.Organiser => $"the organiser of '{EventId}'",
        _ => $"{Kind?.ToString().ToLowerInvariant()} '{ParticipantId}' of '{EventId}'" + (Role == ActorRole.CalendarFeed ? " (calendar feed)" : ""),
    };
}
