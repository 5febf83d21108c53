using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Access;

/// <summary>How much of a participant's record an actor may read.</summary>
public enum ProfileView
{
    None = 0,
    /// <summary>What the other side browses: no contact details.</summary>
    Public = 1,
    /// <summary>Public fields plus contact details: the other side once a meeting between them is accepted.</summary>
    WithContact = 2,
    /// <summary>Everything: the participant itself and its organiser.</summary>
    Full = 3,
}

/// <summary>
/// Who may do what, in one place. Pure: each rule decides from the actor and the record it touches, so the
/// endpoints, the web pages and the grains ask the same question and get the same answer. Organisers run
/// the event but never speak for a participant (they do not send, answer or rate on anyone's behalf).
/// </summary>
public static class AccessRules
{
    public static bool MayCreateEvent(Actor actor) => actor.Role == ActorRole.Admin;

    /// <summary>Change the configuration, import, run the batch, read the schedule, manage credentials.</summary>
    public static bool MayOrganise(Actor actor, string eventId) => actor.IsOrganiserOf(eventId);

    /// <summary>Replace a lost organiser key: the organiser itself, or the instance admin.</summary>
    public static bool MayResetOrganiserKey(Actor actor, string eventId) => actor.Role == ActorRole.Admin || actor.IsOrganiserOf(eventId);

    /// <summary>Read the event's configuration and slots: anyone who belongs to it, and the instance admin.</summary>
    public static bool MayReadEvent(Actor actor, string eventId) =>
        actor.Role == ActorRole.Admin || actor.IsOrganiserOf(eventId) || (actor.Role == ActorRole.Participant && actor.EventId == eventId);

    /// <summary>Write a participant's profile: the participant itself or the organiser (self-registration is decided by the event).</summary>
    public static bool MayWriteParticipant(Actor actor, string eventId, ParticipantKind kind, string participantId) =>
        actor.IsOrganiserOf(eventId) || actor.Is(eventId, kind, participantId);

    /// <summary>What an actor may see of a participant; <paramref name="meetingAccepted"/> says whether the two have an accepted meeting.</summary>
    public static ProfileView ProfileViewOf(Actor actor, string eventId, ParticipantKind kind, string participantId, bool meetingAccepted)
    {
        if (actor.IsOrganiserOf(eventId) || actor.Is(eventId, kind, participantId)) return ProfileView.Full;
        if (actor.Role == ActorRole.Participant && actor.EventId == eventId && actor.Kind != kind)
            return meetingAccepted ? ProfileView.WithContact : ProfileView.Public;
        return ProfileView.None;
    }

    /// <summary>Read what belongs to one participant alone: its requests, matches, export.</summary>
    public static bool MayReadOwn(Actor actor, string eventId, ParticipantKind kind, string participantId) =>
        actor.IsOrganiserOf(eventId) || actor.Is(eventId, kind, participantId);

    /// <summary>Read an agenda: the participant, its organiser, or the calendar feed issued for it.</summary>
    public static bool MayReadAgenda(Actor actor, string eventId, ParticipantKind kind, string participantId) =>
        MayReadOwn(actor, eventId, kind, participantId)
        || (actor.Role == ActorRole.CalendarFeed && actor.EventId == eventId && actor.Kind == kind && actor.ParticipantId == participantId);

    /// <summary>Send a request or an invitation: only as the side it comes from, and only as oneself.</summary>
    public static bool MaySend(Actor actor, string eventId, string startupId, string delegateId, RequestSide from) => from switch
    {
        RequestSide.Startup => actor.Is(eventId, ParticipantKind.Startup, startupId),
        RequestSide.Delegate => actor.Is(eventId, ParticipantKind.Delegate, delegateId),
        _ => false,
    };

    /// <summary>
    /// Accept or decline: only the recipient of a request; either party for a proposal, each for its own side.
    /// Cancel: either party, or the organiser.
    /// </summary>
    public static bool MayRespond(Actor actor, string eventId, MeetingRequest request, RequestAction action)
    {
        var isStartup = actor.Is(eventId, ParticipantKind.Startup, request.StartupId);
        var isDelegate = actor.Is(eventId, ParticipantKind.Delegate, request.DelegateId);
        return action switch
        {
            RequestAction.Accept or RequestAction.Decline when request.IsProposal => isStartup || isDelegate,
            RequestAction.Accept or RequestAction.Decline =>
                request.Recipient == RequestSide.Startup ? isStartup : isDelegate,
            RequestAction.Cancel => isStartup || isDelegate || actor.IsOrganiserOf(eventId),
            _ => false,
        };
    }

    /// <summary>Rate a meeting: only its parties, each as itself.</summary>
    public static bool MayGiveFeedback(Actor actor, string eventId, string startupId, string delegateId, RequestSide by) => by switch
    {
        RequestSide.Startup => actor.Is(eventId, ParticipantKind.Startup, startupId),
        RequestSide.Delegate => actor.Is(eventId, ParticipantKind.Delegate, delegateId),
        _ => false,
    };

    /// <summary>Delete a participant and its data: the participant itself or the organiser.</summary>
    public static bool MayDeleteParticipant(Actor actor, string eventId, ParticipantKind kind, string participantId) =>
        MayWriteParticipant(actor, eventId, kind, participantId);
}
