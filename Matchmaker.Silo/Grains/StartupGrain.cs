using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.startup-state")]
public sealed class StartupState
{
    [Id(0)] public StartupProfile? Profile { get; set; }
    [Id(1)] public Availability Availability { get; set; } = Availability.All;
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The pair records this startup owns, by delegate id.</summary>
    [Id(3)] public Dictionary<string, MeetingRequest> Requests { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Idempotency keys already used, with the delegate id of the request they created.</summary>
    [Id(4)] public Dictionary<string, string> IdempotencyKeys { get; set; } = new(StringComparer.Ordinal);
}

public sealed class StartupGrain(
    [PersistentState("startup", StorageNames.Tables)] IPersistentState<StartupState> state,
    TimeProvider clock)
    : Grain, IStartupGrain
{
    private const int RememberedIdempotencyKeys = 500;

    private string StartupId => GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).ParticipantId;
    private string EventId => GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).EventId;

    public async Task<StartupDocument> SaveAsync(StartupProfile profile, Availability availability)
    {
        state.State.Profile = profile;
        state.State.Availability = availability;
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Document()!;
    }

    public Task<StartupDocument?> GetAsync() => Task.FromResult(Document());

    public async Task<RequestOutcome> RequestMeetingAsync(NewRequest request)
    {
        var requests = state.State.Requests;
        if (request.IdempotencyKey is { } key && state.State.IdempotencyKeys.TryGetValue(key, out var earlier) && requests.TryGetValue(earlier, out var replay))
            return await MirroredAsync(new RequestOutcome(replay, RequestRefusal.None, null, Created: false));

        requests.TryGetValue(request.DelegateId, out var existing);
        var now = clock.GetUtcNow();
        MeetingRequest next;
        switch (existing?.Status)
        {
            case RequestStatus.Declined:
                return await MirroredAsync(RequestOutcome.Refused(RequestRefusal.PreviouslyDeclined,
                    "This meeting was declined; it cannot be requested again.", existing));
            case RequestStatus.Accepted:
                return await MirroredAsync(RequestOutcome.Refused(RequestRefusal.AlreadyRequested,
                    "This meeting is already accepted.", existing));
            case RequestStatus.Pending when existing.From == request.From:
                return await MirroredAsync(RequestOutcome.Refused(RequestRefusal.AlreadyRequested,
                    "This meeting is already requested and waiting for an answer.", existing));
            case RequestStatus.Pending:
                // Both sides asked for the same meeting: mutual interest, so it is accepted.
                next = existing with { Status = RequestStatus.Accepted, Mutual = true, UpdatedAt = now, Revision = existing.Revision + 1 };
                break;
            default:
                if (request.From == RequestSide.Startup)
                {
                    var pending = requests.Values.Count(r => r.From == RequestSide.Startup && r.Status == RequestStatus.Pending);
                    if (pending >= request.PendingQuota)
                        return RequestOutcome.Refused(RequestRefusal.QuotaExceeded,
                            $"The event allows {request.PendingQuota} pending requests per startup and you have {pending}; 0 left. " +
                            "Cancel one or wait for an answer.");
                }
                next = new MeetingRequest(MeetingRequest.IdOf(StartupId, request.DelegateId), StartupId, request.DelegateId, request.From,
                    RequestStatus.Pending, request.Message, null, false, existing?.CreatedAt ?? now, now, (existing?.Revision ?? 0) + 1);
                break;
        }

        requests[request.DelegateId] = next;
        if (request.IdempotencyKey is { } newKey) Remember(newKey, request.DelegateId);
        await state.WriteStateAsync();
        return await MirroredAsync(new RequestOutcome(next, RequestRefusal.None, null, Created: true));
    }

    public async Task<RequestOutcome> RespondAsync(string delegateId, RequestAction action, string? reason)
    {
        if (!state.State.Requests.TryGetValue(delegateId, out var request))
            return RequestOutcome.Refused(RequestRefusal.NotFound, $"There is no request between '{StartupId}' and '{delegateId}'.");

        var target = action switch
        {
            RequestAction.Accept => RequestStatus.Accepted,
            RequestAction.Decline => RequestStatus.Declined,
            _ => RequestStatus.Cancelled,
        };
        if (request.Status == target) return await MirroredAsync(new RequestOutcome(request, RequestRefusal.None, null, Created: false));
        var allowed = action == RequestAction.Cancel
            ? request.Status is RequestStatus.Pending or RequestStatus.Accepted
            : request.Status is RequestStatus.Pending;
        if (!allowed)
            return await MirroredAsync(RequestOutcome.Refused(RequestRefusal.NotAllowed,
                $"The request is {request.Status.ToString().ToLowerInvariant()}; it cannot be {action.ToString().ToLowerInvariant()}ed now.", request));

        var next = request with
        {
            Status = target,
            DeclineReason = action == RequestAction.Decline ? reason : request.DeclineReason,
            UpdatedAt = clock.GetUtcNow(),
            Revision = request.Revision + 1,
        };
        state.State.Requests[delegateId] = next;
        await state.WriteStateAsync();
        return await MirroredAsync(new RequestOutcome(next, RequestRefusal.None, null, Created: false));
    }

    public Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync() =>
        Task.FromResult<IReadOnlyList<MeetingRequest>>(state.State.Requests.Values.OrderByDescending(r => r.UpdatedAt).ToList());

    /// <summary>Copies the pair's record to the delegate, also on retries, so a copy lost to a crash is repaired.</summary>
    private async Task<RequestOutcome> MirroredAsync(RequestOutcome outcome)
    {
        if (outcome.Request is { } request)
            await GrainFactory.GetGrain<IDelegateGrain>(GrainKeys.Participant(EventId, request.DelegateId)).MirrorRequestAsync(request);
        return outcome;
    }

    private void Remember(string key, string delegateId)
    {
        if (state.State.IdempotencyKeys.Count >= RememberedIdempotencyKeys)
            state.State.IdempotencyKeys.Remove(state.State.IdempotencyKeys.Keys.First());
        state.State.IdempotencyKeys[key] = delegateId;
    }

    private StartupDocument? Document() => state.State.Profile is { } profile
        ? new StartupDocument(StartupId, profile, state.State.Availability, state.State.UpdatedAt)
        : null;
}
