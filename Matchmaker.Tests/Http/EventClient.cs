using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Http;

/// <summary>A host on the shared Azurite with one fresh event, for tests that drive the API like a user.</summary>
public sealed class EventHost : IAsyncDisposable
{
    private readonly MatchmakerFactory _factory;

    private EventHost(MatchmakerFactory factory, HttpClient client, string eventId)
    {
        _factory = factory;
        Client = client;
        EventId = eventId;
    }

    public HttpClient Client { get; }
    public string EventId { get; }
    public string Url(string path) => $"/api/events/{EventId}{path}";
    public IServiceProvider Services => _factory.Services;

    public static async Task<EventHost> StartAsync(AzuriteFixture storage, int requestQuota = 5)
    {
        var factory = new MatchmakerFactory(storage.ConnectionString);
        var client = factory.CreateClient();
        var eventId = Samples.NewId("week");
        (await client.PutJsonAsync($"/api/events/{eventId}", Samples.Event() with { RequestQuota = requestQuota })).EnsureSuccessStatusCode();
        return new EventHost(factory, client, eventId);
    }

    public async Task AddStartupsAsync(params string[] ids)
    {
        foreach (var id in ids)
            (await Client.PutJsonAsync(Url($"/startups/{id}"), new { profile = Samples.Startup(id) })).EnsureSuccessStatusCode();
    }

    public async Task AddDelegatesAsync(params string[] ids)
    {
        foreach (var id in ids)
            (await Client.PutJsonAsync(Url($"/delegates/{id}"), new { profile = Samples.Delegate(id) })).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
