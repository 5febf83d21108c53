using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.schedule-state")]
public sealed class ScheduleState
{
    [Id(0)] public PublishedSchedule? Schedule { get; set; }
}

/// <summary>A schedule version in blob storage; read by every agenda, so it stays in memory once loaded.</summary>
public sealed class ScheduleGrain(
    [PersistentState("schedule", StorageNames.Blobs)] IPersistentState<ScheduleState> state)
    : Grain, IScheduleGrain
{
    public async Task SaveAsync(PublishedSchedule schedule)
    {
        state.State.Schedule = schedule;
        await state.WriteStateAsync();
    }

    public Task<PublishedSchedule?> GetAsync() => Task.FromResult(state.State.Schedule);

    public async Task DeleteAsync()
    {
        await state.ClearStateAsync();
        state.State = new ScheduleState();
    }
}
