using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Requests;

/// <summary>The requests a participant sent and received, newest first.</summary>
public sealed record ListRequests(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId) : IQuery<IReadOnlyList<MeetingRequest>>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

public sealed class ListRequestsHandler(IGrainFactory grains) : IQueryHandler<ListRequests, IReadOnlyList<MeetingRequest>>
{
    public async ValueTask<IReadOnlyList<MeetingRequest>> Handle(ListRequests query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayReadOwn(query.Actor, query.EventId, query.Kind, query.ParticipantId),
            $"{ParticipantRules.Capitalised(query.Actor)} cannot read the requests of {ParticipantRules.Describe(query.Kind, query.ParticipantId)}.");
        await grains.RequireEventAsync(query.EventId);
        var key = GrainKeys.Participant(query.EventId, query.ParticipantId);
        if (query.Kind == ParticipantKind.Startup)
        {
            var startup = grains.GetGrain<IStartupGrain>(key);
            return await startup.GetAsync() is null
                ? throw new NotFoundException($"Startup '{query.ParticipantId}' is not registered at event '{query.EventId}'.")
                : await startup.GetRequestsAsync();
        }
        var person = grains.GetGrain<IDelegateGrain>(key);
        return await person.GetAsync() is null
            ? throw new NotFoundException($"Delegate '{query.ParticipantId}' is not registered at event '{query.EventId}'.")
            : await person.GetRequestsAsync();
    }
}
