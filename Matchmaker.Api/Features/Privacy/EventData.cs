using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Mediator;

namespace Matchmaker.Api.Features.Privacy;

/// <summary>Everything an event holds, for its organiser: configuration, participants, requests, feedback, the published schedule.</summary>
public sealed record EventExport(
    string EventId, DateTimeOffset ExportedAt, EventConfig Config, IReadOnlyList<StartupDocument> Startups, IReadOnlyList<DelegateDocument> Delegates,
    IReadOnlyList<MeetingRequest> Requests, IReadOnlyList<MeetingFeedback> Feedback, PublishedSchedule? Schedule);

public sealed record ExportEvent(Actor Actor, string EventId) : IQuery<EventExport>, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed class ExportEventHandler(IGrainFactory grains, TimeProvider clock) : IQueryHandler<ExportEvent, EventExport>
{
    public async ValueTask<EventExport> Handle(ExportEvent query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(query.Actor, query.EventId), $"Only the organiser of '{query.EventId}' exports it.");
        var config = await grains.RequireEventAsync(query.EventId);
        var eventGrain = grains.GetGrain<IEventGrain>(query.EventId);
        var startups = new List<StartupDocument>();
        var requests = new List<MeetingRequest>();
        foreach (var id in await eventGrain.GetParticipantIdsAsync(ParticipantKind.Startup))
        {
            var grain = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(query.EventId, id));
            if (await grain.GetAsync() is { } startup) startups.Add(startup);
            requests.AddRange(await grain.GetRequestsAsync());
        }
        var delegates = new List<DelegateDocument>();
        var feedback = new List<MeetingFeedback>();
        foreach (var id in await eventGrain.GetParticipantIdsAsync(ParticipantKind.Delegate))
        {
            var grain = grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(query.EventId, id));
            if (await grain.GetAsync() is { } person) delegates.Add(person);
            feedback.AddRange(await grain.GetFeedbackAsync());
        }
        return new EventExport(query.EventId, clock.GetUtcNow(), config, startups, delegates, requests, feedback,
            await GetAgendaHandler.PublishedScheduleAsync(grains, query.EventId));
    }
}

/// <summary>The organiser deletes the event: every participant, schedule version, batch run and credential.</summary>
public sealed record DeleteEvent(Actor Actor, string EventId) : ICommand, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed class DeleteEventHandler(IGrainFactory grains) : ICommandHandler<DeleteEvent>
{
    public async ValueTask<Unit> Handle(DeleteEvent command, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(command.Actor, command.EventId), $"Only the organiser of '{command.EventId}' deletes it.");
        await grains.RequireEventAsync(command.EventId);
        var eventGrain = grains.GetGrain<IEventGrain>(command.EventId);
        foreach (var id in await eventGrain.GetParticipantIdsAsync(ParticipantKind.Startup))
            await grains.GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, id)).DeleteAsync(command.Actor);
        foreach (var id in await eventGrain.GetParticipantIdsAsync(ParticipantKind.Delegate))
            await grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(command.EventId, id)).DeleteAsync(command.Actor);
        for (var version = await eventGrain.GetPublishedVersionAsync() + 1; version >= 1; version--)
            await grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(command.EventId, version)).DeleteAsync();
        // Last: while the event exists, a retry after a failure finishes the deletion.
        await eventGrain.DeleteAsync();
        return Unit.Value;
    }
}
