using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

/// <summary>A participant as the actor may see it: whole (itself, its organiser) or public (the other side).</summary>
public sealed record GetParticipant(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId) : IQuery<ParticipantRead>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

/// <summary>Either the whole document or the public view; exactly one is set.</summary>
public sealed record ParticipantRead(object? Document, object? Public);

public sealed class GetParticipantHandler(IGrainFactory grains) : IQueryHandler<GetParticipant, ParticipantRead>
{
    public async ValueTask<ParticipantRead> Handle(GetParticipant query, CancellationToken cancellationToken)
    {
        var (actor, eventId, kind, id) = (query.Actor, query.EventId, query.Kind, query.ParticipantId);
        // Decided before looking anything up, so a refused caller does not learn whether the id exists.
        AccessCheck.Require(AccessRules.ProfileViewOf(actor, eventId, kind, id, meetingAccepted: false) != ProfileView.None,
            $"{ParticipantRules.Capitalised(actor)} cannot read {ParticipantRules.Describe(kind, id)}: participants see the other side only.");
        await grains.RequireEventAsync(eventId);
        var key = GrainKeys.Participant(eventId, id);
        var view = AccessRules.ProfileViewOf(actor, eventId, kind, id, await MeetingAcceptedAsync(actor, eventId, kind, id));
        if (kind == ParticipantKind.Startup)
        {
            var startup = await grains.GetGrain<IStartupGrain>(key).GetAsync() ?? throw ParticipantRules.Missing(eventId, kind, id);
            return view == ProfileView.Full ? new(startup, null)
                : new(null, new PublicParticipant<StartupProfile>(id, view == ProfileView.WithContact ? startup.Profile : startup.Profile with { ContactEmail = null }));
        }
        var person = await grains.GetGrain<IDelegateGrain>(key).GetAsync() ?? throw ParticipantRules.Missing(eventId, kind, id);
        return view == ProfileView.Full ? new(person, null)
            : new(null, new PublicParticipant<DelegateProfile>(id, view == ProfileView.WithContact ? person.Profile : person.Profile with { ContactEmail = null }));
    }

    /// <summary>Whether the actor, a participant of the other side, has an accepted meeting with this one (the startup holds the pair's record).</summary>
    private async Task<bool> MeetingAcceptedAsync(Actor actor, string eventId, ParticipantKind kind, string id)
    {
        if (actor.Role != ActorRole.Participant || actor.Kind == kind || actor.ParticipantId is null) return false;
        var (startupId, delegateId) = kind == ParticipantKind.Startup ? (id, actor.ParticipantId) : (actor.ParticipantId, id);
        var requests = await grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, startupId)).GetRequestsAsync();
        return requests.Any(r => r.DelegateId == delegateId && r.Status == RequestStatus.Accepted);
    }
}

internal static class ParticipantQueries
{
    public static ValidationErrors CheckIds(string eventId, string participantId)
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", eventId);
        Ids.Check(errors, "id", participantId);
        return errors;
    }
}
