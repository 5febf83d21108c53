using System.Net;
using System.Text;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Http;

[Collection(StorageCollection.Name)]
public sealed class ParticipantsHttpTests(AzuriteFixture storage) : IAsyncLifetime
{
    private EventHost _host = null!;
    private HttpClient _client = null!;
    private string _event = "";

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage);
        (_client, _event) = (_host.Client, _host.EventId);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Configuring_a_new_event_answers_created_and_changing_it_answers_ok()
    {
        var eventId = Samples.NewId("week");

        var created = await _client.PutJsonAsync($"/api/events/{eventId}", Samples.Event());
        var changed = await _client.PutJsonAsync($"/api/events/{eventId}", Samples.Event(days: 3));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(63, (await changed.ReadJsonAsync())["slots"]!.AsArray().Count);
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)(await response.ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task A_startup_put_over_http_reads_back_with_its_availability()
    {
        var put = await _client.PutJsonAsync($"/api/events/{_event}/startups/nuvi", new { profile = Samples.Startup(), availability = new[] { 3, 1, 2 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var body = await (await _client.GetAsync($"/api/events/{_event}/startups/nuvi")).ReadJsonAsync();

        Assert.Equal("Nuvi Robotics", (string?)body["profile"]!["name"]);
        Assert.Equal("[1,2,3]", body["availability"]!["slots"]!.ToJsonString());
    }

    [Fact]
    public async Task Lists_are_paged_in_id_order_with_a_total()
    {
        foreach (var id in new[] { "s3", "s1", "s2" })
            (await _client.PutJsonAsync($"/api/events/{_event}/startups/{id}", new { profile = Samples.Startup(id) })).EnsureSuccessStatusCode();
        (await _client.PutJsonAsync($"/api/events/{_event}/delegates/d1", new { profile = Samples.Delegate() })).EnsureSuccessStatusCode();

        var page = await (await _client.GetAsync($"/api/events/{_event}/startups?offset=1&limit=1")).ReadJsonAsync();
        var delegates = await (await _client.GetAsync($"/api/events/{_event}/delegates")).ReadJsonAsync();

        Assert.Equal(3, (int)page["total"]!);
        Assert.Equal("s2", (string?)page["items"]![0]!["id"]);
        Assert.Single(page["items"]!.AsArray());
        Assert.Equal("Jiwoo Park", (string?)delegates["items"]![0]!["profile"]!["name"]);
    }

    [Fact]
    public async Task Malformed_json_gets_a_problem_naming_the_position_and_changes_nothing()
    {
        await PutStartupAsync("keep");

        var response = await _client.PutAsync($"/api/events/{_event}/startups/keep",
            new StringContent("{\"profile\":{\"name\":\"Broken\",", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("LineNumber", (string?)(await response.ReadJsonAsync())["detail"]);
        await AssertStartupNameAsync("keep", "Nuvi Robotics");
    }

    [Fact]
    public async Task An_unknown_event_gets_404_naming_the_event()
    {
        var response = await _client.PutJsonAsync("/api/events/no-such-week/startups/nuvi", new { profile = Samples.Startup() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-week", (string?)(await response.ReadJsonAsync())["detail"]);
    }

    [Fact]
    public async Task A_slot_outside_the_event_gets_400_naming_availability_and_changes_nothing()
    {
        await PutStartupAsync("keep");

        var response = await _client.PutJsonAsync($"/api/events/{_event}/startups/keep",
            new { profile = Samples.Startup("Renamed"), availability = new[] { 0, 999 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("slot 999 is outside the event", (string?)problem["errors"]!["availability"]![0]);
        await AssertStartupNameAsync("keep", "Nuvi Robotics");
    }

    [Fact]
    public async Task Every_bad_profile_field_is_named_in_camel_case()
    {
        var response = await _client.PutJsonAsync($"/api/events/{_event}/delegates/d9",
            new { profile = Samples.Delegate() with { Name = "", Interests = ["toys"], MeetingsPerDayCap = 0 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order();
        Assert.Equal(["profile.interests", "profile.meetingsPerDayCap", "profile.name"], errors);
    }

    [Fact]
    public async Task A_bad_id_and_a_bad_page_size_are_named()
    {
        var badId = await _client.PutJsonAsync($"/api/events/{_event}/startups/Not%20Valid", new { profile = Samples.Startup() });
        var badLimit = await _client.GetAsync($"/api/events/{_event}/startups?limit=5000");
        var notNumber = await _client.GetAsync($"/api/events/{_event}/startups?limit=many");

        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.NotNull((await badId.ReadJsonAsync())["errors"]!["id"]);
        Assert.NotNull((await badLimit.ReadJsonAsync())["errors"]!["limit"]);
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.StatusCode);
        Assert.Contains("limit", (string?)(await notNumber.ReadJsonAsync())["detail"]);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_participant_endpoints()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.NotNull(document["paths"]!["/api/events/{eventId}/startups/{id}"]);
        Assert.NotNull(document["paths"]!["/api/events/{eventId}/import"]);
    }

    private async Task PutStartupAsync(string id) =>
        (await _client.PutJsonAsync($"/api/events/{_event}/startups/{id}", new { profile = Samples.Startup() })).EnsureSuccessStatusCode();

    private async Task AssertStartupNameAsync(string id, string name) =>
        Assert.Equal(name, (string?)(await (await _client.GetAsync($"/api/events/{_event}/startups/{id}")).ReadJsonAsync())["profile"]!["name"]);
}
