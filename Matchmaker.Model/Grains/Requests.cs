namespace Matchmaker.Model.Grains;

/// <summary>Which party sent a request: a startup asks a delegate, or a delegate invites a startup.</summary>
[GenerateSerializer, Alias("matchmaker.request-side")]
public enum RequestSide
{
    Startup = 0,
    Delegate = 1,
    /// <summary>Proposed by the pairing batch from the ranking; each party confirms or declines it.</summary>
    Batch = 2,
}

[GenerateSerializer, Alias("matchmaker.request-status")]
public enum RequestStatus
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
    Cancelled = 3,
}

[GenerateSerializer, Alias("matchmaker.request-action")]
public enum RequestAction
{
    Accept = 0,
    Decline = 1,
    Cancel = 2,
}

/// <summary>
/// A request for one meeting between a startup and a delegate. A pair has one request record, so its id is
/// the pair: <c>startupId.delegateId</c> ('.' never appears in participant ids).
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.meeting-request")]
public sealed record MeetingRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string StartupId,
    [property: Id(2)] string DelegateId,
    [property: Id(3)] RequestSide From,
    [property: Id(4)] RequestStatus Status,
    [property: Id(5)] string? Message,
    [property: Id(6)] string? DeclineReason,
    [property: Id(7)] bool Mutual,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] int Revision,
    [property: Id(11)] bool StartupConfirmed = false,
    [property: Id(12)] bool DelegateConfirmed = false)
{
    /// <summary>A meeting the batch proposed, rather than one a party asked for.</summary>
    public bool IsProposal => From == RequestSide.Batch;

    public static string IdOf(string startupId, string delegateId) => $"{startupId}.{delegateId}";

    public static bool TrySplitId(string requestId, out string startupId, out string delegateId)
    {
        var parts = requestId.Split('.');
        (startupId, delegateId) = parts.Length == 2 ? (parts[0], parts[1]) : ("", "");
        return parts.Length == 2 && GrainKeys.IsValidId(startupId) && GrainKeys.IsValidId(delegateId);
    }

    /// <summary>The side that answers (accepts or declines) this request.</summary>
    public RequestSide Recipient => From == RequestSide.Startup ? RequestSide.Delegate : RequestSide.Startup;
}

/// <summary>What a party asks for when it sends a request.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.new-request")]
public sealed record NewRequest(
    [property: Id(0)] string DelegateId,
    [property: Id(1)] RequestSide From,
    [property: Id(2)] string? Message,
    [property: Id(3)] string? IdempotencyKey,
    [property: Id(4)] int PendingQuota);

[GenerateSerializer, Alias("matchmaker.request-refusal")]
public enum RequestRefusal
{
    None = 0,
    QuotaExceeded = 1,
    AlreadyRequested = 2,
    PreviouslyDeclined = 3,
    NotFound = 4,
    NotAllowed = 5,
    /// <summary>The actor may not do this (403).</summary>
    Forbidden = 6,
    /// <summary>The Idempotency-Key was used by the same sender for a different request (422).</summary>
    IdempotencyKeyReused = 7,
}

/// <summary>The request after the operation, or why it was refused (with a message for the user).</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.request-outcome")]
public sealed record RequestOutcome(
    [property: Id(0)] MeetingRequest? Request,
    [property: Id(1)] RequestRefusal Refusal,
    [property: Id(2)] string? Reason,
    [property: Id(3)] bool Created)
{
    public static RequestOutcome Refused(RequestRefusal refusal, string reason, MeetingRequest? request = null) => new(request, refusal, reason, false);
}
