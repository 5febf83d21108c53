using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.startup-state")]
public sealed class StartupState
{
    [Id(0)] public StartupProfile? Profile { get; set; }
    [Id(1)] public Availability Availability { get; set; } = Availability.All;
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class StartupGrain(
    [PersistentState("startup", StorageNames.Tables)] IPersistentState<StartupState> state)
    : Grain, IStartupGrain
{
    public async Task<StartupDocument> SaveAsync(StartupProfile profile, Availability availability)
    {
        state.State.Profile = profile;
        state.State.Availability = availability;
        state.State.UpdatedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        return Document()!;
    }

    public Task<StartupDocument?> GetAsync() => Task.FromResult(Document());

    private StartupDocument? Document() => state.State.Profile is { } profile
        ? new StartupDocument(GrainKeys.SplitParticipant(this.GetPrimaryKeyString()).ParticipantId, profile, state.State.Availability, state.State.UpdatedAt)
        : null;
}
