using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.delegate-state")]
public sealed class DelegateState
{
    [Id(0)] public DelegateProfile? Profile { get; set; }
    [Id(1)] public Availability Availability { get; set; } = Availability.All;
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class DelegateGrain(
    [PersistentState("delegate", StorageNames.Tables)] IPersistentState<DelegateState> state)
    : Grain, IDelegateGrain
{
    public async Task<DelegateDocument> SaveAsync(DelegateProfile profile, Availability availability)
    {
        state.State.Profile = profile;
        state.State.Availability = availability;
        state.State.UpdatedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        return Document()!;
    }

    public Task<DelegateDocument?> GetAsync() => Task.FromResult(Document());

    private DelegateDocument? Document() => state.State.Profile is { } profile
        ? new DelegateDocument(GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).ParticipantId, profile, state.State.Availability, state.State.UpdatedAt)
        : null;
}
