using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Http;

/// <summary>
/// A host on the shared Azurite with one fresh event, for tests that drive the API like its users: the instance
/// admin, the event's organiser (<see cref="Client"/>), and each participant with its own token (<see cref="As"/>).
/// </summary>
public sealed class EventHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HttpClient> _participants = new(StringComparer.Ordinal);

    private EventHost(MatchmakerFactory factory, string eventId, string organiserKey)
    {
        Factory = factory;
        EventId = eventId;
        OrganiserKey = organiserKey;
        Client = factory.CreateClient(organiserKey);
        Admin = factory.CreateClient(MatchmakerFactory.AdminKey);
        Anonymous = factory.CreateClient((string?)null);
    }

    public MatchmakerFactory Factory { get; }
    public string EventId { get; }
    public string OrganiserKey { get; private set; }
    /// <summary>The event's organiser.</summary>
    public HttpClient Client { get; }
    public HttpClient Admin { get; }
    public HttpClient Anonymous { get; }
    public string Url(string path) => $"/api/events/{EventId}{path}";
    public IServiceProvider Services => Factory.Services;

    public static async Task<EventHost> StartAsync(AzuriteFixture storage, int requestQuota = 5, params (string Key, string Value)[] settings)
    {
        var factory = new MatchmakerFactory(storage.ConnectionString, false, settings);
        var (eventId, organiserKey) = await CreateEventAsync(factory, Samples.Event() with { RequestQuota = requestQuota });
        return new EventHost(factory, eventId, organiserKey);
    }

    /// <summary>A client set for an event created on a factory someone else owns (disposing it leaves the factory running).</summary>
    public static EventHost Attach(MatchmakerFactory factory, string eventId, string organiserKey) => new(factory, eventId, organiserKey) { _ownsFactory = false };

    private bool _ownsFactory = true;

    /// <summary>A host whose clock the test moves (to the event's days, into a meeting), with one fresh event.</summary>
    public static async Task<EventHost> StartAsync(AzuriteFixture storage, TimeProvider clock)
    {
        var factory = new MatchmakerFactory(storage.ConnectionString) { Clock = clock };
        var (eventId, organiserKey) = await CreateEventAsync(factory, Samples.Event());
        return new EventHost(factory, eventId, organiserKey);
    }

    /// <summary>Creates an event as the instance admin; returns its id and organiser key.</summary>
    public static async Task<(string EventId, string OrganiserKey)> CreateEventAsync(MatchmakerFactory factory, Matchmaker.Model.Domain.EventConfig config)
    {
        var eventId = Samples.NewId("week");
        var created = await factory.CreateClient(MatchmakerFactory.AdminKey).PutJsonAsync($"/api/events/{eventId}", config);
        created.EnsureSuccessStatusCode();
        return (eventId, (string)(await created.ReadJsonAsync())["organiserKey"]!);
    }

    /// <summary>A client signed in as this participant.</summary>
    public HttpClient As(string participantId) =>
        _participants.GetOrAdd(participantId, id => Factory.CreateClient(TokenOf(id)));

    public string TokenOf(string participantId) =>
        _tokens.TryGetValue(participantId, out var token) ? token : throw new InvalidOperationException($"'{participantId}' was not registered through this host.");

    /// <summary>Keeps the token a registration answer carries (once), so the test can act as that participant.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(string path, string id, object body)
    {
        var response = await Client.PutJsonAsync(Url($"/{path}/{id}"), body);
        if (response.IsSuccessStatusCode && (await response.ReadJsonAsync())["credentials"]?["token"] is { } token)
            _tokens[id] = (string)token!;
        return response;
    }

    public void Remember(string participantId, string token) => _tokens[participantId] = token;

    /// <summary>After the organiser key was replaced, the organiser client sends the new one.</summary>
    public void UseOrganiserKey(string key)
    {
        OrganiserKey = key;
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
    }

    public async Task AddStartupsAsync(params string[] ids)
    {
        foreach (var id in ids) (await RegisterAsync("startups", id, new { profile = Samples.Startup(id) })).EnsureSuccessStatusCode();
    }

    public async Task AddDelegatesAsync(params string[] ids)
    {
        foreach (var id in ids) (await RegisterAsync("delegates", id, new { profile = Samples.Delegate(id) })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Waits until the event's match table includes every write made so far: matches are rebuilt in the background
    /// and may be a moment behind, so a test that reads its own writes' effect on matches asks for them first.
    /// </summary>
    public Task MatchesCaughtUpAsync() =>
        Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<Matchmaker.Model.Grains.IEventMatchesGrain>(EventId).AwaitChangesAsync();

    public ValueTask DisposeAsync() => _ownsFactory ? Factory.DisposeAsync() : ValueTask.CompletedTask;
}
