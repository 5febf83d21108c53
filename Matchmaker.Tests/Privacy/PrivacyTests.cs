using System.Net;
using System.Net.Http.Json;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Privacy;

[Collection(StorageCollection.Name)]
public sealed class PrivacyTests(AzuriteFixture storage) : IAsyncLifetime
{
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // Meetings in the past, so feedback is open.
        _host = await EventHost.StartAsync(storage);
        await _host.Client.PutJsonAsync(_host.Url(""), Samples.Event() with { Days = [new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 5)] });
        await _host.AddStartupsAsync("leaver", "stayer");
        await _host.AddDelegatesAsync("scout", "other-scout");
        (await _host.As("leaver").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "leaver", delegateId = "scout" })).EnsureSuccessStatusCode();
        (await _host.As("scout").PostAsync(_host.Url("/requests/leaver.scout/accept"), null)).EnsureSuccessStatusCode();
        (await _host.As("leaver").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "leaver", delegateId = "other-scout" })).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(_host.Client, _host.EventId))["status"]);
        (await _host.As("leaver").PostAsJsonAsync(_host.Url("/meetings/leaver.scout/feedback"), new { rating = 2, comment = "Told them our roadmap" })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_startup_downloads_its_data_then_deletes_it_and_what_others_hold_about_it_goes_too()
    {
        var export = await (await _host.As("leaver").GetAsync(_host.Url("/startups/leaver/export"))).ReadJsonAsync();
        Assert.Equal("leaver", (string?)export["participant"]!["id"]);
        Assert.Equal(2, export["requests"]!.AsArray().Count);
        Assert.Contains(export["agenda"]!["meetings"]!.AsArray(), m => (string?)m!["withId"] == "scout");
        Assert.Equal("Told them our roadmap", (string?)export["feedback"]![0]!["comment"]);
        Assert.Contains(export["notices"]!.AsArray(), n => (string?)n!["notice"]!["kind"] == "request-accepted");

        Assert.Equal(HttpStatusCode.NoContent, (await _host.As("leaver").DeleteAsync(_host.Url("/startups/leaver"))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.As("leaver").GetAsync(_host.Url("/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync(_host.Url("/startups/leaver"))).StatusCode);
        var scoutRequests = (await (await _host.As("other-scout").GetAsync(_host.Url("/delegates/other-scout/requests"))).ReadJsonAsync()).AsArray();
        Assert.DoesNotContain(scoutRequests, r => (string?)r!["status"] == "pending");
        // The scout whose request was open is told it is off; the startup's own inbox went with it.
        var notices = (await (await _host.As("other-scout").GetAsync(_host.Url("/delegates/other-scout/notices"))).ReadJsonAsync())["notices"]!.AsArray();
        Assert.Contains(notices, n => (string?)n!["kind"] == "cancelled" && (string?)n["meetingId"] == "leaver.other-scout");
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync(_host.Url("/startups/leaver/notices"))).StatusCode);
        Assert.DoesNotContain((await (await _host.As("scout").GetAsync(_host.Url("/delegates/scout/agenda"))).ReadJsonAsync())["meetings"]!.AsArray(),
            m => (string?)m!["withId"] == "leaver");
        var feedback = (await (await _host.Client.GetAsync(_host.Url("/export"))).ReadJsonAsync())["feedback"]!.AsArray();
        var kept = Assert.Single(feedback);
        Assert.Equal(2, (int)kept!["rating"]!);
        Assert.Equal("deleted", (string?)kept["startupId"]);
        Assert.Null(kept["comment"]);
    }

    [Fact]
    public async Task The_organiser_deletes_a_participant_and_then_the_event_and_its_keys_stop_working()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Client.DeleteAsync(_host.Url("/startups/stayer"))).StatusCode);
        var export = await (await _host.Client.GetAsync(_host.Url("/export"))).ReadJsonAsync();
        Assert.DoesNotContain(export["startups"]!.AsArray(), s => (string?)s!["id"] == "stayer");
        Assert.NotNull(export["schedule"]);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Client.DeleteAsync(_host.Url(""))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync(_host.Url(""))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.As("scout").GetAsync(_host.Url("/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin.GetAsync(_host.Url(""))).StatusCode);
    }
}
