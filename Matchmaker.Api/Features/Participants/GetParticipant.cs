using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

public sealed record GetStartup(string EventId, string StartupId) : IQuery<StartupDocument>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, StartupId);
}

public sealed record GetDelegate(string EventId, string DelegateId) : IQuery<DelegateDocument>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, DelegateId);
}

public sealed class GetStartupHandler(IGrainFactory grains) : IQueryHandler<GetStartup, StartupDocument>
{
    public async ValueTask<StartupDocument> Handle(GetStartup query, CancellationToken cancellationToken)
    {
        await grains.RequireEventAsync(query.EventId);
        return await grains.GetGrain<IStartupGrain>(GrainKeys.Participant(query.EventId, query.StartupId)).GetAsync()
            ?? throw new NotFoundException($"Startup '{query.StartupId}' is not registered at event '{query.EventId}'.");
    }
}

public sealed class GetDelegateHandler(IGrainFactory grains) : IQueryHandler<GetDelegate, DelegateDocument>
{
    public async ValueTask<DelegateDocument> Handle(GetDelegate query, CancellationToken cancellationToken)
    {
        await grains.RequireEventAsync(query.EventId);
        return await grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(query.EventId, query.DelegateId)).GetAsync()
            ?? throw new NotFoundException($"Delegate '{query.DelegateId}' is not registered at event '{query.EventId}'.");
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
