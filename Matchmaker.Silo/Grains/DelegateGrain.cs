using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.delegate-state")]
public sealed class DelegateState : IProfileState<DelegateProfile>
{
    [Id(0)] public DelegateProfile? Profile { get; set; }
    [Id(1)] public Availability Availability { get; set; } = Availability.All;
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Copies of the pair records the startups own, by startup id.</summary>
    [Id(3)] public Dictionary<string, MeetingRequest> Requests { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Feedback on this delegate's meetings, by meeting id and the side that gave it.</summary>
    [Id(4)] public Dictionary<string, MeetingFeedback> Feedback { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public StagedProfile<DelegateProfile>? Staged { get; set; }
}

public sealed class DelegateGrain(
    [PersistentState("delegate", StorageNames.Tables)] IPersistentState<DelegateState> state,
    TimeProvider clock)
    : Grain, IDelegateGrain
{
    private string EventId => GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).EventId;
    private string DelegateId => GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).ParticipantId;

    public async Task<DelegateDocument> SaveAsync(DelegateProfile profile, Availability availability)
    {
        await SettleStagedAsync();
        ProfileChanges.Save(state.State, profile, availability, clock.GetUtcNow());
        await WriteAsync();
        return Document()!;
    }

    public async Task StageAsync(string importId, DelegateProfile profile, Availability availability)
    {
        await SettleStagedAsync();
        if (ProfileChanges.Stage(state.State, importId, profile, availability)) await WriteAsync();
    }

    public async Task<DelegateDocument?> GetAsync()
    {
        await SettleStagedAsync();
        return Document();
    }

    public async Task MirrorRequestAsync(MeetingRequest request)
    {
        if (state.State.Requests.TryGetValue(request.StartupId, out var held) && held.Revision >= request.Revision) return;
        state.State.Requests[request.StartupId] = request;
        await WriteAsync();
    }

    public Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync() =>
        Task.FromResult<IReadOnlyList<MeetingRequest>>(state.State.Requests.Values.OrderByDescending(r => r.UpdatedAt).ToList());

    public async Task RecordFeedbackAsync(MeetingFeedback feedback)
    {
        state.State.Feedback[$"{feedback.MeetingId}:{feedback.By}"] = feedback;
        await WriteAsync();
    }

    public Task<IReadOnlyList<MeetingFeedback>> GetFeedbackAsync() =>
        Task.FromResult<IReadOnlyList<MeetingFeedback>>(state.State.Feedback.Values.OrderBy(f => f.At).ToList());

    public async Task AnonymiseFeedbackAsync(string startupId)
    {
        var changed = false;
        foreach (var (key, feedback) in state.State.Feedback.Where(f => f.Value.StartupId == startupId).ToList())
        {
            // The numbers still teach the ranking what this delegate liked; who and what was said goes.
            state.State.Feedback[key] = feedback with { StartupId = MeetingFeedback.Deleted, MeetingId = MeetingFeedback.Deleted + "." + DelegateId, Comment = null };
            changed = true;
        }
        if (state.State.Requests.Remove(startupId)) changed = true;
        if (changed) await WriteAsync();
    }

    public async Task DeleteAsync(Actor actor)
    {
        foreach (var request in state.State.Requests.Values.Where(r => r.Status is RequestStatus.Pending or RequestStatus.Accepted).ToList())
            await GrainFactory.GetGrain<IStartupGrain>(GrainKeys.Participant(EventId, request.StartupId))
                .RespondAsync(actor, DelegateId, RequestAction.Cancel, "The delegate left the event.");
        await state.ClearStateAsync();
        state.State = new DelegateState();
    }

    private async Task SettleStagedAsync()
    {
        if (await ProfileChanges.PromoteIfCommittedAsync(state.State, GrainFactory, this.GetPrimaryKeyString(), clock.GetUtcNow())) await WriteAsync();
    }

    private Task WriteAsync() => state.WriteOrRevertAsync(DeactivateOnIdle);

    private DelegateDocument? Document() => state.State.Profile is { } profile
        ? new DelegateDocument(DelegateId, profile, state.State.Availability, state.State.UpdatedAt)
        : null;
}
