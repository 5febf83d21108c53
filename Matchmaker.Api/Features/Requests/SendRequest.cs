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

/// <summary>A startup asks a delegate for a meeting, or a delegate invites a startup.</summary>
public sealed record SendRequest(Actor Actor, string EventId, string? StartupId, string? DelegateId, RequestSide From, string? Message, string? IdempotencyKey)
    : ICommand<RequestOutcome>, IValidated, IChangesMatches
{
    public MatchChange? ChangeOf(object? response) => response is RequestOutcome { Request: { } r } ? MatchChange.OfPair(r.DelegateId, r.StartupId) : null;

    public const int MaxMessageLength = 1000;
    public const int MaxIdempotencyKeyLength = 100;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        Ids.Check(errors, "startupId", StartupId);
        Ids.Check(errors, "delegateId", DelegateId);
        if (From is not (RequestSide.Startup or RequestSide.Delegate)) errors.Add("from", Phrases.Plain("must be startup or delegate."));
        errors.Optional("message", Message, MaxMessageLength);
        errors.Optional("Idempotency-Key", IdempotencyKey, MaxIdempotencyKeyLength);
        return errors;
    }
}

public sealed class SendRequestHandler(IGrainFactory grains, RequestSendingLimiter limiter) : ICommandHandler<SendRequest, RequestOutcome>
{
    public async ValueTask<RequestOutcome> Handle(SendRequest command, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MaySend(command.Actor, command.EventId, command.StartupId!, command.DelegateId!, command.From),
            $"{ParticipantRules.Capitalised(command.Actor)} cannot send this: participants send requests only as themselves " +
            "(a startup with from: startup and its own startupId, a delegate with from: delegate and their own delegateId).");
        limiter.Count(command.Actor);
        var config = await grains.RequireEventAsync(command.EventId);
        var startup = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, command.StartupId!));
        if (await startup.GetAsync() is null)
            throw new NotFoundException($"Startup '{command.StartupId}' is not registered at event '{command.EventId}'.");
        if (await grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(command.EventId, command.DelegateId!)).GetAsync() is null)
            throw new NotFoundException($"Delegate '{command.DelegateId}' is not registered at event '{command.EventId}'.");

        var outcome = await startup.RequestMeetingAsync(command.Actor, new NewRequest(command.DelegateId!, command.From, command.Message, command.IdempotencyKey, config.RequestQuota));
        return outcome.Refusal == RequestRefusal.None ? outcome : throw RequestRefusals.ToException(outcome);
    }
}

internal static class RequestRefusals
{
    public static Exception ToException(RequestOutcome outcome) => outcome.Refusal switch
    {
        RequestRefusal.NotFound => new NotFoundException(outcome.Reason!),
        RequestRefusal.Forbidden => new ForbiddenException(outcome.Reason!),
        RequestRefusal.IdempotencyKeyReused => new UnprocessableException(outcome.Reason!),
        RequestRefusal.QuotaExceeded => new ConflictException(outcome.Reason!, "request-quota"),
        RequestRefusal.AlreadyRequested => new ConflictException(outcome.Reason!, "request-exists"),
        RequestRefusal.PreviouslyDeclined => new ConflictException(outcome.Reason!, "request-declined"),
        RequestRefusal.NotAllowed => new ConflictException(outcome.Reason!, "request-closed"),
        _ => new ConflictException(outcome.Reason!),
    };
}
