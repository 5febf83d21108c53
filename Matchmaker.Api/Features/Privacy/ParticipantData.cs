using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Mediator;

namespace Matchmaker.Api.Features.Privacy;

/// <summary>Everything the service holds about one participant, for the participant to download.</summary>
public sealed record ParticipantExport(
    string EventId, ParticipantKind Kind, string Id, DateTimeOffset ExportedAt, object Participant,
    IReadOnlyList<MeetingRequest> Requests, AgendaView Agenda, IReadOnlyList<MeetingFeedback> Feedback, IReadOnlyList<InboxEntry> Notices);

public sealed record ExportParticipant(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId) : IQuery<ParticipantExport>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

public sealed class ExportParticipantHandler(IGrainFactory grains, IMediator mediator, TimeProvider clock) : IQueryHandler<ExportParticipant, ParticipantExport>
{
    public async ValueTask<ParticipantExport> Handle(ExportParticipant query, CancellationToken cancellationToken)
    {
        var (actor, eventId, kind, id) = (query.Actor, query.EventId, query.Kind, query.ParticipantId);
        AccessCheck.Require(AccessRules.MayReadOwn(actor, eventId, kind, id), $"{ParticipantRules.Capitalised(actor)} cannot export the data of {ParticipantRules.Describe(kind, id)}.");
        await grains.RequireEventAsync(eventId);
        var key = GrainKeys.Participant(eventId, id);
        object document;
        IReadOnlyList<MeetingRequest> requests;
        if (kind == ParticipantKind.Startup)
        {
            var startup = grains.GetGrain<IStartupGrain>(key);
            document = await startup.GetAsync() ?? throw ParticipantRules.Missing(eventId, kind, id);
            requests = await startup.GetRequestsAsync();
        }
        else
        {
            var person = grains.GetGrain<IDelegateGrain>(key);
            document = await person.GetAsync() ?? throw ParticipantRules.Missing(eventId, kind, id);
            requests = await person.GetRequestsAsync();
        }
        var agenda = await mediator.Send(new GetAgenda(actor, eventId, kind, id), cancellationToken);
        return new ParticipantExport(eventId, kind, id, clock.GetUtcNow(), document, requests, agenda,
            await ParticipantFeedback.OfAsync(grains, eventId, kind, id, requests, agenda),
            await grains.GetGrain<IInboxGrain>(IInboxGrain.KeyOf(eventId, kind, id)).ListAsync(Inbox.Capacity));
    }
}

/// <summary>A participant leaves and takes its data: open requests cancelled on both sides, feedback about it anonymised, credentials revoked.</summary>
public sealed record DeleteParticipant(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId) : ICommand, IValidated, IChangesMatches
{
    /// <summary>Erasing a participant also cancels what others hold of it (requests, copies): rebuilt whole, it is rare.</summary>
    public MatchChange? ChangeOf(object? response) => MatchChange.Everything;

    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

public sealed class DeleteParticipantHandler(IGrainFactory grains) : ICommandHandler<DeleteParticipant>
{
    public async ValueTask<Unit> Handle(DeleteParticipant command, CancellationToken cancellationToken)
    {
        var (actor, eventId, kind, id) = (command.Actor, command.EventId, command.Kind, command.ParticipantId);
        AccessCheck.Require(AccessRules.MayDeleteParticipant(actor, eventId, kind, id), $"{ParticipantRules.Capitalised(actor)} cannot delete {ParticipantRules.Describe(kind, id)}.");
        await grains.RequireEventAsync(eventId);
        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        if (!await eventGrain.IsRegisteredAsync(kind, id)) throw ParticipantRules.Missing(eventId, kind, id);

        var key = GrainKeys.Participant(eventId, id);
        if (kind == ParticipantKind.Startup)
        {
            var startup = grains.GetGrain<IStartupGrain>(key);
            var met = (await startup.GetRequestsAsync()).Select(r => r.DelegateId)
                .Concat((await GetAgendaHandler.PublishedScheduleAsync(grains, eventId))?.MeetingsOf(kind, id).Select(m => m.DelegateId) ?? [])
                .Distinct();
            await startup.DeleteAsync(actor);
            foreach (var delegateId in met)
                await grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, delegateId)).AnonymiseFeedbackAsync(id);
        }
        else await grains.GetGrain<IDelegateGrain>(key).DeleteAsync(actor);
        await grains.GetGrain<IInboxGrain>(IInboxGrain.KeyOf(eventId, kind, id)).ClearAsync();
        // Last: until the index forgets it, a retry finds the participant and finishes the deletion.
        await eventGrain.RemoveParticipantAsync(kind, id);
        return Unit.Value;
    }
}

internal static class ParticipantFeedback
{
    /// <summary>A delegate's feedback is on its own grain; a startup's is on the grains of the delegates it met.</summary>
    public static async Task<IReadOnlyList<MeetingFeedback>> OfAsync(IGrainFactory grains, string eventId, ParticipantKind kind, string id,
        IReadOnlyList<MeetingRequest> requests, AgendaView agenda)
    {
        if (kind == ParticipantKind.Delegate)
            return await grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, id)).GetFeedbackAsync();
        var delegates = requests.Select(r => r.DelegateId).Concat(agenda.Meetings.Select(m => m.WithId)).Distinct();
        var all = new List<MeetingFeedback>();
        foreach (var delegateId in delegates)
            all.AddRange((await grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, delegateId)).GetFeedbackAsync()).Where(f => f.StartupId == id));
        return all;
    }
}
