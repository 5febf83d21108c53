using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.delegate-state")]
public sealed class DelegateState
{
    [Id(0)] public DelegateProfile? Profile { get; set; }
    [Id(1)] public Availability Availability { get; set; } = Availability.All;
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Copies of the pair records the startups own, by startup id.</summary>
    [Id(3)] public Dictionary<string, MeetingRequest> Requests { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Feedback on this delegate's meetings, by meeting id and the side that gave it.</summary>
    [Id(4)] public Dictionary<string, MeetingFeedback> Feedback { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DelegateGrain(
    [PersistentState("delegate", StorageNames.Tables)] IPersistentState<DelegateState> state,
    TimeProvider clock)
    : Grain, IDelegateGrain
{
    public async Task<DelegateDocument> SaveAsync(DelegateProfile profile, Availability availability)
    {
        state.State.Profile = profile;
        state.State.Availability = availability;
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Document()!;
    }

    public Task<DelegateDocument?> GetAsync() => Task.FromResult(Document());

    public async Task MirrorRequestAsync(MeetingRequest request)
    {
        if (state.State.Requests.TryGetValue(request.StartupId, out var held) && held.Revision >= request.Revision) return;
        state.State.Requests[request.StartupId] = request;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync() =>
        Task.FromResult<IReadOnlyList<MeetingRequest>>(state.State.Requests.Values.OrderByDescending(r => r.UpdatedAt).ToList());

    public async Task RecordFeedbackAsync(MeetingFeedback feedback)
    {
        state.State.Feedback[$"{feedback.MeetingId}:{feedback.By}"] = feedback;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<MeetingFeedback>> GetFeedbackAsync() =>
        Task.FromResult<IReadOnlyList<MeetingFeedback>>(state.State.Feedback.Values.OrderBy(f => f.At).ToList());

    private DelegateDocument? Document() => state.State.Profile is { } profile
        ? new DelegateDocument(GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).ParticipantId, profile, state.State.Availability, state.State.UpdatedAt)
        : null;
}
