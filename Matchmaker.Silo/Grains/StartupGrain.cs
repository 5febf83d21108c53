using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.startup-state")]
public sealed class StartupState : IProfileState<StartupProfile>
{
    [Id(0)] public StartupProfile? Profile { get; set; }
    [Id(1)] public Availability Availability { get; set; } = Availability.All;
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The pair records this startup owns, by delegate id.</summary>
    [Id(3)] public Dictionary<string, MeetingRequest> Requests { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Idempotency keys already used, oldest first.</summary>
    [Id(5)] public List<IdempotencyRecord> IdempotencyKeys { get; set; } = [];
    /// <summary>Delegates whose copy of the pair's record may be behind this one.</summary>
    [Id(6)] public HashSet<string> Unmirrored { get; set; } = new(StringComparer.Ordinal);
    [Id(7)] public StagedProfile<StartupProfile>? Staged { get; set; }
    /// <summary>Notices of stored changes not yet handed to the parties' inboxes.</summary>
    [Id(8)] public List<AddressedNotice> Undelivered { get; set; } = [];
}

public sealed class StartupGrain(
    [PersistentState("startup", StorageNames.Tables)] IPersistentState<StartupState> state,
    TimeProvider clock,
    ILogger<StartupGrain> logger)
    : Grain, IStartupGrain, IRemindable
{
    private const string MirrorReminder = "mirror-requests";

    private string StartupId => GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).ParticipantId;
    private string EventId => GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).EventId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Unmirrored.Count == 0 && state.State.Undelivered.Count == 0) return;
        try { await MirrorPendingAsync(); }
        catch (Exception ex) { logger.LogWarning(ex, "Copying requests of {Startup} to delegates failed; the reminder retries.", this.GetPrimaryKeyString()); }
    }

    public async Task<StartupDocument> SaveAsync(StartupProfile profile, Availability availability)
    {
        await SettleStagedAsync();
        ProfileChanges.Save(state.State, profile, availability, clock.GetUtcNow());
        await WriteAsync();
        return Document()!;
    }

    public async Task StageAsync(string importId, StartupProfile profile, Availability availability)
    {
        await SettleStagedAsync();
        if (ProfileChanges.Stage(state.State, importId, profile, availability)) await WriteAsync();
    }

    public async Task<StartupDocument?> GetAsync()
    {
        await SettleStagedAsync();
        return Document();
    }

    public async Task<RequestOutcome> RequestMeetingAsync(Actor actor, NewRequest request)
    {
        var sender = IdempotencyRecord.SenderOf(actor);
        var fingerprint = IdempotencyRecord.FingerprintOf(request);
        if (request.IdempotencyKey is { } key && state.State.IdempotencyKeys.FirstOrDefault(k => k.Sender == sender && k.Key == key) is { } earlier)
        {
            if (earlier.Fingerprint != fingerprint)
                return RequestOutcome.Refused(RequestRefusal.IdempotencyKeyReused,
                    $"Idempotency-Key '{key}' was already used for a different request; use a new key for a new request.");
            if (state.State.Requests.TryGetValue(earlier.DelegateId, out var replay))
                return await MirroredAsync(new RequestOutcome(replay, RequestRefusal.None, null, Created: false));
        }

        state.State.Requests.TryGetValue(request.DelegateId, out var existing);
        var pending = state.State.Requests.Values.Count(r => r.From == RequestSide.Startup && r.Status == RequestStatus.Pending);
        var (next, outcome) = RequestRules.Send(actor, EventId, StartupId, request, existing, pending, clock.GetUtcNow());
        if (next is null) return outcome.Request is null ? outcome : await MirroredAsync(outcome);

        if (request.IdempotencyKey is { } newKey)
            IdempotencyRecord.Remember(state.State.IdempotencyKeys, new IdempotencyRecord(sender, newKey, fingerprint, request.DelegateId));
        await StoreAsync(actor, existing, next);
        return outcome;
    }

    public async Task<RequestOutcome> RespondAsync(Actor actor, string delegateId, RequestAction action, string? reason)
    {
        state.State.Requests.TryGetValue(delegateId, out var request);
        var (next, outcome) = RequestRules.Respond(actor, EventId, request, StartupId, delegateId, action, reason, clock.GetUtcNow());
        if (next is null) return outcome.Request is null || outcome.Refusal == RequestRefusal.Forbidden ? outcome : await MirroredAsync(outcome);
        await StoreAsync(actor, request, next);
        return outcome;
    }

    public async Task<RequestOutcome> RespondToProposalAsync(Actor actor, string delegateId, RequestAction action, string? reason, ConfirmationPolicy policy)
    {
        state.State.Requests.TryGetValue(delegateId, out var existing);
        var (next, outcome) = RequestRules.RespondToProposal(actor, EventId, existing, StartupId, delegateId, action, reason, policy, clock.GetUtcNow());
        if (next is null) return outcome.Request is null || outcome.Refusal == RequestRefusal.Forbidden ? outcome : await MirroredAsync(outcome);
        await StoreAsync(actor, existing, next);
        return outcome;
    }

    public Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync() =>
        Task.FromResult<IReadOnlyList<MeetingRequest>>(state.State.Requests.Values.OrderByDescending(r => r.UpdatedAt).ToList());

    public async Task DeleteAsync(Actor actor)
    {
        foreach (var request in state.State.Requests.Values.Where(r => r.Status is RequestStatus.Pending or RequestStatus.Accepted).ToList())
        {
            var (next, _) = RequestRules.Respond(actor, EventId, request, StartupId, request.DelegateId, RequestAction.Cancel, "The startup left the event.", clock.GetUtcNow());
            if (next is not null) await StoreAsync(actor, request, next);
        }
        await UnregisterMirrorReminderAsync();
        await state.ClearStateAsync();
        state.State = new StartupState();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == MirrorReminder) await MirrorPendingAsync();
    }

    /// <summary>
    /// Stores the record here first, with a note that the delegate's copy is behind, the notices the change makes,
    /// and a reminder that finishes both if the process dies first; then copies it, delivers them and clears the notes.
    /// </summary>
    private async Task StoreAsync(Actor actor, MeetingRequest? previous, MeetingRequest next)
    {
        await this.RegisterOrUpdateReminder(MirrorReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        state.State.Requests[next.DelegateId] = next;
        state.State.Unmirrored.Add(next.DelegateId);
        state.State.Undelivered.AddRange(NoticeRules.ForRequest(actor, previous, next, clock.GetUtcNow()));
        await WriteAsync();
        // The record is stored and the reminder will copy it: a failed copy now delays the delegate's inbox, nothing more.
        try { await MirrorPendingAsync(); }
        catch (Exception ex) { logger.LogWarning(ex, "Copying request {Request} to the delegate failed; the reminder retries.", next.Id); }
    }

    private async Task MirrorPendingAsync()
    {
        if (state.State.Unmirrored.Count > 0 || state.State.Undelivered.Count > 0)
        {
            foreach (var delegateId in state.State.Unmirrored.ToList())
                if (state.State.Requests.TryGetValue(delegateId, out var request))
                    await GrainFactory.GetGrain<IDelegateGrain>(GrainKeys.Participant(EventId, delegateId)).MirrorRequestAsync(request);
            await GrainFactory.DeliverAsync(EventId, state.State.Undelivered);
            state.State.Unmirrored.Clear();
            state.State.Undelivered.Clear();
            await WriteAsync();
        }
        await UnregisterMirrorReminderAsync();
    }

    private async Task UnregisterMirrorReminderAsync()
    {
        if (await this.GetReminder(MirrorReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    /// <summary>Copies the pair's record to the delegate on retries and refusals too, so any copy that fell behind catches up.</summary>
    private async Task<RequestOutcome> MirroredAsync(RequestOutcome outcome)
    {
        if (outcome.Request is { } request)
            await GrainFactory.GetGrain<IDelegateGrain>(GrainKeys.Participant(EventId, request.DelegateId)).MirrorRequestAsync(request);
        return outcome;
    }

    private async Task SettleStagedAsync()
    {
        if (await ProfileChanges.PromoteIfCommittedAsync(state.State, GrainFactory, this.GetPrimaryKeyString(), clock.GetUtcNow())) await WriteAsync();
    }

    private Task WriteAsync() => state.WriteOrRevertAsync(DeactivateOnIdle);

    private StartupDocument? Document() => state.State.Profile is { } profile
        ? new StartupDocument(StartupId, profile, state.State.Availability, state.State.UpdatedAt)
        : null;
}
