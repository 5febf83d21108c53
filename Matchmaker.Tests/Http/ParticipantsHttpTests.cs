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

        var created = await _host.Admin.PutJsonAsync($"/api/events/{eventId}", Samples.Event());
        var organiser = _host.Factory.CreateClient((string)(await created.ReadJsonAsync())["organiserKey"]!);
        var changed = await organiser.PutJsonAsync($"/api/events/{eventId}", Samples.Event(days: 3));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Null((await changed.ReadJsonAsync())["organiserKey"]);
        Assert.Equal(63, (await changed.ReadJsonAsync())["slots"]!.AsArray().Count);
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        var response = await _host.Anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)(await response.ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task Strangers_register_themselves_only_where_the_event_allows_it_and_never_over_someone_else()
    {
        var closed = await _host.Anonymous.PutJsonAsync(_host.Url("/startups/walk-in"), new { profile = Samples.Startup("Walk In") });
        await _client.PutJsonAsync(_host.Url(""), Samples.Event() with { SelfRegistration = true });
        var open = await _host.Anonymous.PutJsonAsync(_host.Url("/startups/walk-in"), new { profile = Samples.Startup("Walk In") });
        var overwrite = await _host.Anonymous.PutJsonAsync(_host.Url("/startups/walk-in"), new { profile = Samples.Startup("Hijacked") });

        Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, overwrite.StatusCode);
        var token = (string)(await open.ReadJsonAsync())["credentials"]!["token"]!;
        var mine = await _host.Factory.CreateClient(token).GetAsync(_host.Url("/startups/walk-in"));
        Assert.Equal("Walk In", (string?)(await mine.ReadJsonAsync())["profile"]!["name"]);
    }

    [Fact]
    public async Task The_openapi_document_declares_problem_details_for_the_errors()
    {
        var document = await (await _host.Anonymous.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var responses = document["paths"]!["/api/events/{eventId}/requests"]!["post"]!["responses"]!;
        foreach (var status in new[] { "400", "401", "403", "404", "409", "422", "429" })
            Assert.NotNull(responses[status]!["content"]!["application/problem+json"]);
    }

    [Fact]
    public async Task Ready_checks_storage_and_the_silo()
    {
        var response = await _host.Anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("healthy", (string?)body["checks"]!["storage"]!["status"]);
        Assert.Equal("healthy", (string?)body["checks"]!["silo"]!["status"]);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_every_answer_carries_the_security_headers()
    {
        var anonymous = await _host.Anonymous.GetAsync($"/api/events/{_event}");
        var wrongKey = await _host.Factory.CreateClient($"{_event}.not-the-key").GetAsync($"/api/events/{_event}");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", anonymous.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", anonymous.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(anonymous.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_startup_put_over_http_reads_back_with_its_availability()
    {
        var put = await _client.PutJsonAsync($"/api/events/{_event}/startups/nuvi", new { profile = Samples.Startup(), availability = new[] { 3, 1, 2 } });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var body = await (await _client.GetAsync($"/api/events/{_event}/startups/nuvi")).ReadJsonAsync();

        Assert.Equal("Nuvi Robotics", (string?)body["profile"]!["name"]);
        Assert.Equal("[1,2,3]", body["availability"]!.ToJsonString());
    }

    [Fact]
    public async Task What_get_returns_can_be_put_back_unchanged()
    {
        await _client.PutJsonAsync($"/api/events/{_event}/startups/roundtrip", new { profile = Samples.Startup(), availability = new[] { 4, 5 } });
        var read = await (await _client.GetAsync($"/api/events/{_event}/startups/roundtrip")).Content.ReadAsStringAsync();

        var written = await _client.PutAsync($"/api/events/{_event}/startups/roundtrip", new StringContent(read, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal("[4,5]", (await written.ReadJsonAsync())["participant"]!["availability"]!.ToJsonString());
    }

    [Fact]
    public async Task A_misspelt_field_is_refused_by_name_instead_of_freeing_every_slot()
    {
        await _client.PutJsonAsync($"/api/events/{_event}/startups/typo", new { profile = Samples.Startup(), availability = new[] { 1 } });

        var response = await _client.PutJsonAsync($"/api/events/{_event}/startups/typo", new { profile = Samples.Startup(), availabilty = new[] { 1, 2 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("availabilty", (string?)(await response.ReadJsonAsync())["detail"]);
        Assert.Equal("[1]", (await (await _client.GetAsync($"/api/events/{_event}/startups/typo")).ReadJsonAsync())["availability"]!.ToJsonString());
    }

    [Fact]
    public async Task Unknown_participants_and_requests_get_404_not_500()
    {
        await _host.AddStartupsAsync("s404");
        await _host.AddDelegatesAsync("d404");

        var agenda = await _client.GetAsync($"/api/events/{_event}/delegates/nobody/agenda.ics");
        var wrongKind = await _client.GetAsync($"/api/events/{_event}/startups/d404");
        var decline = await _host.As("s404").PostAsync($"/api/events/{_event}/requests/s404.d404/decline", null);
        var unknownEvent = await _host.Admin.GetAsync("/api/events/no-such-week");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { agenda.StatusCode, wrongKind.StatusCode, decline.StatusCode, unknownEvent.StatusCode });
        Assert.Equal("application/problem+json", decline.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_huge_body_is_413_a_long_bad_list_gets_one_error_and_a_null_break_is_a_400()
    {
        var huge = await _client.PutJsonAsync($"/api/events/{_event}/startups/huge", new { profile = Samples.Startup(), availability = Enumerable.Range(1000, 200_000).ToArray() });
        var nullBreak = await _host.Admin.PutAsync($"/api/events/{Samples.NewId("w")}", new StringContent(
            "{\"name\":\"W\",\"timeZone\":\"Asia/Seoul\",\"days\":[\"2027-05-10\"],\"dailyStart\":\"09:00\",\"dailyEnd\":\"17:00\",\"slotMinutes\":20," +
            "\"breaks\":[null],\"tables\":5,\"maxMeetingsPerStartup\":5,\"maxMeetingsPerDelegate\":5,\"requestQuota\":5}", Encoding.UTF8, "application/json"));
        var many = await _client.PutJsonAsync($"/api/events/{_event}/startups/many",
            new { profile = Samples.Startup() with { Sectors = Enumerable.Range(0, 3000).Select(i => $"x{i}").ToList() } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nullBreak.StatusCode);
        Assert.Contains("breaks", (string?)(await nullBreak.ReadJsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Single((await many.ReadJsonAsync())["errors"]!["profile.sectors"]!.AsArray());
        Assert.True((await many.Content.ReadAsByteArrayAsync()).Length < 4000);
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
        var response = await _host.Admin.PutJsonAsync("/api/events/no-such-week/startups/nuvi", new { profile = Samples.Startup() });

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
        var document = await (await _host.Anonymous.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.NotNull(document["paths"]!["/api/events/{eventId}/startups/{id}"]);
        Assert.NotNull(document["paths"]!["/api/events/{eventId}/import"]);
    }

    private async Task PutStartupAsync(string id) =>
        (await _client.PutJsonAsync($"/api/events/{_event}/startups/{id}", new { profile = Samples.Startup() })).EnsureSuccessStatusCode();

    private async Task AssertStartupNameAsync(string id, string name) =>
        Assert.Equal(name, (string?)(await (await _client.GetAsync($"/api/events/{_event}/startups/{id}")).ReadJsonAsync())["profile"]!["name"]);
}
