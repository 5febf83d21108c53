using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Events;

public sealed record GetEvent(Actor Actor, string EventId) : IQuery<EventView>, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed class GetEventHandler(IGrainFactory grains) : IQueryHandler<GetEvent, EventView>
{
    public async ValueTask<EventView> Handle(GetEvent query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayReadEvent(query.Actor, query.EventId),
            $"Only the organiser and participants of '{query.EventId}' can read it.");
        return await ViewAsync(grains, query.EventId, await grains.RequireEventAsync(query.EventId));
    }

    internal static async Task<EventView> ViewAsync(IGrainFactory grains, string eventId, EventConfig config)
    {
        var grain = grains.GetGrain<IEventGrain>(eventId);
        var startups = await grain.ListParticipantsAsync(ParticipantKind.Startup, 0, 0);
        var delegates = await grain.ListParticipantsAsync(ParticipantKind.Delegate, 0, 0);
        return new EventView(eventId, config, EventSlots.From(config), startups.Total, delegates.Total);
    }
}
