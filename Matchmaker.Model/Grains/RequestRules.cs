using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>
/// The request lifecycle as pure decisions: given the pair's record (or none) and who acts, what the record
/// becomes or why the action is refused. The startup's grain keeps the records and stores what this decides.
/// </summary>
public static class RequestRules
{
    /// <summary>A new request or invitation from <paramref name="actor"/>; <c>Next</c> is null when refused.</summary>
    public static (MeetingRequest? Next, RequestOutcome Outcome) Send(
        Actor actor, string eventId, string startupId, NewRequest request, MeetingRequest? existing, int pendingFromStartup, DateTimeOffset now)
    {
        if (!AccessRules.MaySend(actor, eventId, startupId, request.DelegateId, request.From))
            return Refuse(RequestRefusal.Forbidden, $"{Capitalised(actor)} cannot send a request as {request.From.ToString().ToLowerInvariant()} " +
                $"'{(request.From == RequestSide.Startup ? startupId : request.DelegateId)}': participants send requests only as themselves.");

        switch (existing?.Status)
        {
            case RequestStatus.Declined:
                return Refuse(RequestRefusal.PreviouslyDeclined, "This meeting was declined; it cannot be requested again.", existing);
            case RequestStatus.Accepted:
                return Refuse(RequestRefusal.AlreadyRequested, "This meeting is already accepted.", existing);
            case RequestStatus.Pending when existing.From == request.From:
                return Refuse(RequestRefusal.AlreadyRequested, "This meeting is already requested and waiting for an answer.", existing);
            case RequestStatus.Pending:
                // Both sides asked for the same meeting: mutual interest, so it is accepted.
                var mutual = existing with { Status = RequestStatus.Accepted, Mutual = true, UpdatedAt = now, Revision = existing.Revision + 1 };
                return (mutual, new RequestOutcome(mutual, RequestRefusal.None, null, Created: true));
        }
        if (request.From == RequestSide.Startup && pendingFromStartup >= request.PendingQuota)
            return Refuse(RequestRefusal.QuotaExceeded,
                $"The event allows {request.PendingQuota} pending requests per startup and you have {pendingFromStartup}; 0 left. " +
                "Cancel one or wait for an answer.");
        var next = new MeetingRequest(MeetingRequest.IdOf(startupId, request.DelegateId), startupId, request.DelegateId, request.From,
            RequestStatus.Pending, request.Message, null, false, existing?.CreatedAt ?? now, now, (existing?.Revision ?? 0) + 1);
        return (next, new RequestOutcome(next, RequestRefusal.None, null, Created: true));
    }

    /// <summary>An answer to the pair's request; repeating the same answer changes nothing.</summary>
    public static (MeetingRequest? Next, RequestOutcome Outcome) Respond(
        Actor actor, string eventId, MeetingRequest? request, string startupId, string delegateId, RequestAction action, string? reason, DateTimeOffset now)
    {
        if (request is null)
            return Refuse(RequestRefusal.NotFound, $"There is no request between '{startupId}' and '{delegateId}'.");
        if (!AccessRules.MayRespond(actor, eventId, request, action))
            return Refuse(RequestRefusal.Forbidden, action == RequestAction.Cancel
                ? $"{Capitalised(actor)} is not a party to request '{request.Id}'."
                : $"Only the {request.Recipient.ToString().ToLowerInvariant()} of request '{request.Id}' can {Verb(action)} it.");

        var target = action switch
        {
            RequestAction.Accept => RequestStatus.Accepted,
            RequestAction.Decline => RequestStatus.Declined,
            _ => RequestStatus.Cancelled,
        };
        if (request.Status == target) return (null, new RequestOutcome(request, RequestRefusal.None, null, Created: false));
        var allowed = action == RequestAction.Cancel
            ? request.Status is RequestStatus.Pending or RequestStatus.Accepted
            : request.Status is RequestStatus.Pending;
        if (!allowed)
            return Refuse(RequestRefusal.NotAllowed,
                $"The request is {request.Status.ToString().ToLowerInvariant()}; it cannot be {Verb(action)}d now.", request);

        var next = request with
        {
            Status = target,
            DeclineReason = action == RequestAction.Decline ? reason : request.DeclineReason,
            UpdatedAt = now,
            Revision = request.Revision + 1,
        };
        return (next, new RequestOutcome(next, RequestRefusal.None, null, Created: false));
    }

    /// <summary>
    /// A party confirms or declines a meeting the batch proposed. The pair's record is made on the first answer;
    /// the meeting counts as agreed (accepted) once the event's policy is met: both sides, or the scout alone.
    /// Declining frees the slot and the pair is never proposed again.
    /// </summary>
    public static (MeetingRequest? Next, RequestOutcome Outcome) RespondToProposal(
        Actor actor, string eventId, MeetingRequest? existing, string startupId, string delegateId, RequestAction action, string? reason,
        ConfirmationPolicy policy, DateTimeOffset now)
    {
        var proposal = existing ?? new MeetingRequest(MeetingRequest.IdOf(startupId, delegateId), startupId, delegateId, RequestSide.Batch,
            RequestStatus.Pending, null, null, false, now, now, 0);
        if (!proposal.IsProposal || action == RequestAction.Cancel)
            return Respond(actor, eventId, existing, startupId, delegateId, action, reason, now);
        if (!AccessRules.MayRespond(actor, eventId, proposal, action))
            return Refuse(RequestRefusal.Forbidden, $"{Capitalised(actor)} is not a party to the proposed meeting '{proposal.Id}'.");
        if (action == RequestAction.Decline)
            return Respond(actor, eventId, proposal, startupId, delegateId, action, reason, now);
        if (proposal.Status != RequestStatus.Pending)
            return proposal.Status == RequestStatus.Accepted
                ? (null, new RequestOutcome(proposal, RequestRefusal.None, null, Created: false))
                : Refuse(RequestRefusal.NotAllowed, $"The proposed meeting is {proposal.Status.ToString().ToLowerInvariant()}; it cannot be confirmed now.", proposal);

        var byStartup = actor.Side == RequestSide.Startup;
        if (byStartup ? proposal.StartupConfirmed : proposal.DelegateConfirmed)
            return (null, new RequestOutcome(proposal, RequestRefusal.None, null, Created: false));
        var next = proposal with
        {
            StartupConfirmed = proposal.StartupConfirmed || byStartup,
            DelegateConfirmed = proposal.DelegateConfirmed || !byStartup,
            UpdatedAt = now,
            Revision = proposal.Revision + 1,
        };
        var agreed = policy switch
        {
            ConfirmationPolicy.ScoutOnly => next.DelegateConfirmed,
            ConfirmationPolicy.Auto => true,
            _ => next.StartupConfirmed && next.DelegateConfirmed,
        };
        if (agreed) next = next with { Status = RequestStatus.Accepted };
        return (next, new RequestOutcome(next, RequestRefusal.None, null, Created: false));
    }

    private static (MeetingRequest?, RequestOutcome) Refuse(RequestRefusal refusal, string reason, MeetingRequest? request = null) =>
        (null, RequestOutcome.Refused(refusal, reason, request));

    private static string Verb(RequestAction action) => action switch
    {
        RequestAction.Accept => "accept",
        RequestAction.Decline => "decline",
        _ => "cancel",
    };

    private static string Capitalised(Actor actor) => actor.ToString() is var text && text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}

/// <summary>
/// Retried POSTs: a key is remembered per sender with a fingerprint of what was sent, so the same key with the
/// same body replays the first answer and the same key with another body is refused. The oldest key goes first.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.idempotency-record")]
public sealed record IdempotencyRecord(
    [property: Id(0)] string Sender,
    [property: Id(1)] string Key,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] string DelegateId)
{
    public const int Remembered = 500;

    public static string SenderOf(Actor actor) => $"{actor.Role}:{actor.Kind}:{actor.ParticipantId}";

    public static string FingerprintOf(NewRequest request) =>
        Access.Credentials.Hash($"{request.DelegateId}\n{request.From}\n{request.Message}");

    /// <summary>Adds a record, dropping the oldest beyond <see cref="Remembered"/>; the list is kept oldest first.</summary>
    public static void Remember(List<IdempotencyRecord> records, IdempotencyRecord record)
    {
        records.Add(record);
        if (records.Count > Remembered) records.RemoveRange(0, records.Count - Remembered);
    }
}
