using Matchmaker.Model.Access;
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
    /// <summary>SHA-256 of each live credential's secret, with whom it stands for.</summary>
    [Id(4)] public Dictionary<string, CredentialHolder> Credentials { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The key calendar feed tokens are derived from, so a participant can see its feed link again.</summary>
    [Id(5)] public string FeedKey { get; set; } = "";
    /// <summary>How often each participant's feed link was replaced, by "kind:id".</summary>
    [Id(6)] public Dictionary<string, int> FeedVersions { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Imports whose staged profiles are now the participants' own.</summary>
    [Id(7)] public HashSet<string> CommittedImports { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The event's configuration, participant index and credentials; kept in blob storage since the index grows with the event.</summary>
public sealed class EventGrain(
    [PersistentState("event", StorageNames.Blobs)] IPersistentState<EventState> state,
    TimeProvider clock,
    RecentCredentials recentCredentials)
    : Grain, IEventGrain
{
    private string EventId => this.GetPrimaryKeyString();

    public async Task<bool> CreateAsync(EventConfig config, string organiserKeyHash)
    {
        if (state.State.Config is not null) return false;
        state.State.Config = config;
        state.State.Credentials[organiserKeyHash] = new CredentialHolder(ActorRole.Organiser, null, null, clock.GetUtcNow());
        if (state.State.FeedKey.Length == 0) state.State.FeedKey = Model.Access.Credentials.New(EventId);
        await WriteAsync();
        await ScheduleNightlyAsync(config);
        return true;
    }

    public async Task ConfigureAsync(EventConfig config)
    {
        if (state.State.Config is null) throw new InvalidOperationException($"Event '{EventId}' does not exist; create it first.");
        state.State.Config = config;
        await WriteAsync();
        await ScheduleNightlyAsync(config);
    }

    public Task<EventConfig?> GetConfigAsync() => Task.FromResult(state.State.Config);

    public Task<Actor?> AuthenticateAsync(string secretHash) =>
        Task.FromResult(state.State.Credentials.TryGetValue(secretHash, out var holder) ? holder.ToActor(EventId) : null);

    public async Task RegisterParticipantsAsync(IReadOnlyList<ParticipantEntry> entries, IReadOnlyList<IssuedCredential> credentials, string? importId)
    {
        var changed = Index(entries);
        foreach (var issued in credentials)
        {
            // One personal token per participant: a new one replaces any earlier one.
            RemoveCredentials(issued.Holder.Role, issued.Holder.Kind!.Value, issued.Holder.ParticipantId!);
            state.State.Credentials[issued.Hash] = issued.Holder;
            changed = true;
        }
        if (importId is not null) changed |= state.State.CommittedImports.Add(importId);
        if (changed) await WriteAsync();
    }

    public Task<bool> IsImportCommittedAsync(string importId) => Task.FromResult(state.State.CommittedImports.Contains(importId));

    public Task<bool> IsRegisteredAsync(ParticipantKind kind, string participantId) =>
        Task.FromResult(NamesOf(kind).ContainsKey(participantId));

    public async Task ReplaceCredentialAsync(ParticipantKind kind, string participantId, IssuedCredential? replacement)
    {
        RemoveCredentials(ActorRole.Participant, kind, participantId);
        if (replacement is not null) state.State.Credentials[replacement.Hash] = replacement.Holder;
        await WriteAsync();
    }

    public async Task ReplaceOrganiserKeyAsync(string organiserKeyHash)
    {
        foreach (var hash in state.State.Credentials.Where(c => c.Value.Role == ActorRole.Organiser).Select(c => c.Key).ToList())
            state.State.Credentials.Remove(hash);
        recentCredentials.Forget(EventId);
        state.State.Credentials[organiserKeyHash] = new CredentialHolder(ActorRole.Organiser, null, null, clock.GetUtcNow());
        await WriteAsync();
    }

    public async Task<string> CalendarFeedTokenAsync(ParticipantKind kind, string participantId, bool replace)
    {
        var key = $"{kind}:{participantId}";
        if (state.State.FeedKey.Length == 0) state.State.FeedKey = Model.Access.Credentials.New(EventId);
        var version = state.State.FeedVersions.GetValueOrDefault(key) + (replace ? 1 : 0);
        var token = Model.Access.Credentials.Derived(EventId, state.State.FeedKey, $"feed:{key}:{version}");
        Model.Access.Credentials.TryParse(token, out _, out var secret);
        var hash = Model.Access.Credentials.Hash(secret);
        if (!state.State.Credentials.ContainsKey(hash))
        {
            RemoveCredentials(ActorRole.CalendarFeed, kind, participantId);
            state.State.Credentials[hash] = new CredentialHolder(ActorRole.CalendarFeed, kind, participantId, clock.GetUtcNow());
            state.State.FeedVersions[key] = version;
            await WriteAsync();
        }
        return token;
    }

    public async Task RemoveParticipantAsync(ParticipantKind kind, string participantId)
    {
        NamesOf(kind).Remove(participantId);
        RemoveCredentials(ActorRole.Participant, kind, participantId);
        RemoveCredentials(ActorRole.CalendarFeed, kind, participantId);
        await WriteAsync();
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
        await WriteAsync();
    }

    public Task<int> GetPublishedVersionAsync() => Task.FromResult(state.State.PublishedVersion);

    public async Task DeleteAsync()
    {
        await GrainFactory.GetGrain<IPairingBatchGrain>(EventId).ScheduleNightlyAsync("UTC", null);
        recentCredentials.Forget(EventId);
        await state.ClearStateAsync();
        state.State = new EventState();
    }

    private bool Index(IReadOnlyList<ParticipantEntry> entries)
    {
        var changed = false;
        foreach (var entry in entries)
        {
            var names = NamesOf(entry.Kind);
            if (names.TryGetValue(entry.Id, out var name) && name == entry.Name) continue;
            names[entry.Id] = entry.Name;
            changed = true;
        }
        return changed;
    }

    private void RemoveCredentials(ActorRole role, ParticipantKind kind, string participantId)
    {
        var removed = state.State.Credentials.Where(c => c.Value.Role == role && c.Value.Holds(kind, participantId)).Select(c => c.Key).ToList();
        foreach (var hash in removed) state.State.Credentials.Remove(hash);
        // This node's requests stop trusting the removed credentials at once (the state is changed already; the write follows).
        if (removed.Count > 0) recentCredentials.Forget(EventId);
    }

    private Task ScheduleNightlyAsync(EventConfig config) =>
        GrainFactory.GetGrain<IPairingBatchGrain>(EventId).ScheduleNightlyAsync(config.TimeZone, config.NightlyBatchAt);

    private Task WriteAsync() => state.WriteOrRevertAsync(DeactivateOnIdle);

    private SortedDictionary<string, string> NamesOf(ParticipantKind kind) =>
        kind == ParticipantKind.Startup ? state.State.StartupNames : state.State.DelegateNames;
}
