using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.event-state")]
public sealed class EventState
{
    [Id(0)] public EventConfig? Config { get; set; }
    [Id(1)] public SortedDictionary<string, string> StartupNames { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public SortedDictionary<string, string> DelegateNames { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public int PublishedVersion { get; set; }
}

/// <summary>The event's configuration and participant index; kept in blob storage since the index grows with the event.</summary>
public sealed class EventGrain(
    [PersistentState("event", StorageNames.Blobs)] IPersistentState<EventState> state)
    : Grain, IEventGrain
{
    public async Task<bool> ConfigureAsync(EventConfig config)
    {
        var created = state.State.Config is null;
        state.State.Config = config;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPairingBatchGrain>(this.GetPrimaryKeyString()).ScheduleNightlyAsync(config.TimeZone, config.NightlyBatchAt);
        return created;
    }

    public Task<EventConfig?> GetConfigAsync() => Task.FromResult(state.State.Config);

    public async Task IndexParticipantsAsync(IReadOnlyList<ParticipantEntry> entries)
    {
        var changed = false;
        foreach (var entry in entries)
        {
            var names = NamesOf(entry.Kind);
            if (names.TryGetValue(entry.Id, out var name) && name == entry.Name) continue;
            names[entry.Id] = entry.Name;
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
    }

    public Task<ParticipantPage> ListParticipantsAsync(ParticipantKind kind, int offset, int limit)
    {
        var names = NamesOf(kind);
        var items = names.Skip(offset).Take(limit).Select(n => new ParticipantEntry(kind, n.Key, n.Value)).ToList();
        return Task.FromResult(new ParticipantPage(names.Count, items));
    }

    public Task<IReadOnlyList<string>> GetParticipantIdsAsync(ParticipantKind kind) =>
        Task.FromResult<IReadOnlyList<string>>(NamesOf(kind).Keys.ToList());

    public async Task PublishScheduleAsync(int version)
    {
        if (version <= state.State.PublishedVersion) return;
        state.State.PublishedVersion = version;
        await state.WriteStateAsync();
    }

    public Task<int> GetPublishedVersionAsync() => Task.FromResult(state.State.PublishedVersion);

    private SortedDictionary<string, string> NamesOf(ParticipantKind kind) =>
        kind == ParticipantKind.Startup ? state.State.StartupNames : state.State.DelegateNames;
}
