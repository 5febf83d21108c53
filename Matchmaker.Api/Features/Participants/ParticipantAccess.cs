using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

/// <summary>The organiser gives a participant a new personal token (the old one stops working), or revokes it.</summary>
public sealed record ReplaceParticipantToken(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId, bool Revoke)
    : ICommand<string?>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

public sealed class ReplaceParticipantTokenHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<ReplaceParticipantToken, string?>
{
    public async ValueTask<string?> Handle(ReplaceParticipantToken command, CancellationToken cancellationToken)
    {
        var (eventId, kind, id) = (command.EventId, command.Kind, command.ParticipantId);
        AccessCheck.Require(AccessRules.MayOrganise(command.Actor, eventId), $"Only the organiser of '{eventId}' issues and revokes sign-in links.");
        await grains.RequireEventAsync(eventId);
        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        if (!await eventGrain.IsRegisteredAsync(kind, id)) throw ParticipantRules.Missing(eventId, kind, id);
        if (command.Revoke)
        {
            await eventGrain.ReplaceCredentialAsync(kind, id, null);
            return null;
        }
        var (token, issued) = IssuedCredential.ForParticipant(eventId, kind, id, clock.GetUtcNow());
        await eventGrain.ReplaceCredentialAsync(kind, id, issued);
        return token;
    }
}

/// <summary>A participant's read-only calendar feed token (the same each time it is asked for), or a new one that stops the old.</summary>
public sealed record GetCalendarFeed(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId, bool Replace)
    : IQuery<string>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

public sealed class GetCalendarFeedHandler(IGrainFactory grains) : IQueryHandler<GetCalendarFeed, string>
{
    public async ValueTask<string> Handle(GetCalendarFeed query, CancellationToken cancellationToken)
    {
        var (eventId, kind, id) = (query.EventId, query.Kind, query.ParticipantId);
        AccessCheck.Require(AccessRules.MayReadOwn(query.Actor, eventId, kind, id), $"{ParticipantRules.Capitalised(query.Actor)} cannot see the calendar feed of {ParticipantRules.Describe(kind, id)}.");
        await grains.RequireEventAsync(eventId);
        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        if (!await eventGrain.IsRegisteredAsync(kind, id)) throw ParticipantRules.Missing(eventId, kind, id);
        return await eventGrain.CalendarFeedTokenAsync(kind, id, query.Replace);
    }
}
