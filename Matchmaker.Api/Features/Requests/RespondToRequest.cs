using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Requests;

/// <summary>The recipient accepts or declines a request; either party cancels it. Repeating an answer changes nothing.</summary>
public sealed record RespondToRequest(Actor Actor, string EventId, string RequestId, RequestAction Action, string? Reason)
    : ICommand<MeetingRequest>, IValidated, IChangesMatches
{
    public MatchChange? ChangeOf(object? response) => response is MeetingRequest r ? MatchChange.OfPair(r.DelegateId, r.StartupId) : null;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        if (!MeetingRequest.TrySplitId(RequestId, out _, out _))
            errors.Add("requestId", Phrases.Plain($"'{RequestId}' is not a request id; ids look like startupId.delegateId."));
        errors.Optional("reason", Reason, SendRequest.MaxMessageLength);
        return errors;
    }
}

public sealed class RespondToRequestHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<RespondToRequest, MeetingRequest>
{
    public async ValueTask<MeetingRequest> Handle(RespondToRequest command, CancellationToken cancellationToken)
    {
        MeetingRequest.TrySplitId(command.RequestId, out var startupId, out var delegateId);
        // Someone who is neither party learns nothing about the pair, not even whether it exists.
        var party = command.Actor.Is(command.EventId, ParticipantKind.Startup, startupId) || command.Actor.Is(command.EventId, ParticipantKind.Delegate, delegateId);
        AccessCheck.Require(party || AccessRules.MayOrganise(command.Actor, command.EventId),
            $"{ParticipantRules.Capitalised(command.Actor)} is not a party to request '{command.RequestId}'.");
        var config = await grains.RequireEventAsync(command.EventId);
        var startup = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, startupId));
        // A meeting the batch proposed is confirmed or declined through the same route as a request.
        var proposed = command.Action != RequestAction.Cancel
            && (await GetAgendaHandler.PublishedScheduleAsync(grains, command.EventId))?.Meetings
                .Any(m => m.Id == command.RequestId && m.Origin == Model.PublishedSchedules.MeetingOrigin.Recommended) == true;
        var outcome = proposed
            ? await startup.RespondToProposalAsync(command.Actor, delegateId, command.Action, command.Reason, config.Confirmation)
            : await startup.RespondAsync(command.Actor, delegateId, command.Action, command.Reason);
        if (outcome.Refusal != RequestRefusal.None) throw RequestRefusals.ToException(outcome);
        // A meeting that was on the schedule and is now off frees its slot for standby startups at once.
        if (outcome.Request!.Status is RequestStatus.Cancelled or RequestStatus.Declined && command.Action != RequestAction.Accept)
            await Live.Refills.OfferFreedSlotAsync(grains, command.EventId, command.RequestId, clock.GetUtcNow());
        return outcome.Request!;
    }
}
