using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Live;

/// <summary>During the event: a cancelled meeting's slot goes to a standby startup, first come first served.</summary>
[Collection(StorageCollection.Name)]
public sealed class RefillTests(AzuriteFixture storage) : IAsyncLifetime
{
    private static readonly string[] Startups = Enumerable.Range(1, 16).Select(i => $"s{i:00}").ToArray();
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // One scout with room for 12 of 16 startups: four are on standby.
        _host = await EventHost.StartAsync(storage);
        await _host.AddStartupsAsync(Startups);
        await _host.AddDelegatesAsync("d1");
        (await _host.As("s01").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "s01", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await _host.As("d1").PostAsync(_host.Url("/requests/s01.d1/accept"), null)).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(_host.Client, _host.EventId))["status"]);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_cancelled_meeting_is_offered_to_standby_startups_and_the_first_to_accept_gets_it_on_both_agendas()
    {
        var cancelled = (await AgendaAsync("d1", "delegates")).Single(m => (string?)m!["withId"] == "s01")!;
        var (slot, table) = ((int)cancelled["slot"]!, (int)cancelled["table"]!);
        var standby = Startups.Where(s => (AgendaAsync(s, "startups").Result).Count == 0).ToList();
        Assert.Equal(4, standby.Count);

        (await _host.As("d1").PostAsync(_host.Url("/requests/s01.d1/cancel"), null)).EnsureSuccessStatusCode();

        var offered = new List<(string Startup, string OfferId)>();
        foreach (var startup in standby)
            foreach (var offer in (await (await _host.As(startup).GetAsync(_host.Url($"/startups/{startup}/offers"))).ReadJsonAsync()).AsArray())
                offered.Add((startup, (string)offer!["offerId"]!));
        Assert.Equal(3, offered.Count);
        Assert.Single(offered.Select(o => o.OfferId).Distinct());
        Assert.Empty((await (await _host.As("s02").GetAsync(_host.Url("/startups/s02/offers"))).ReadJsonAsync()).AsArray());

        var (winner, offerId) = offered[0];
        var first = await _host.As(winner).PostAsync(_host.Url($"/offers/{offerId}/accept"), null);
        var second = await _host.As(offered[1].Startup).PostAsync(_host.Url($"/offers/{offerId}/accept"), null);
        var scout = await _host.As("d1").PostAsync(_host.Url($"/offers/{offerId}/accept"), null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var refusal = await second.ReadJsonAsync();
        Assert.Contains("first", (string?)refusal["detail"]);
        Assert.Equal("offer-taken", (string?)refusal["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, scout.StatusCode);

        var mine = (await AgendaAsync(winner, "startups")).Single()!;
        Assert.Equal((slot, table, "confirmed", "d1"), ((int)mine["slot"]!, (int)mine["table"]!, (string)mine["state"]!, (string)mine["withId"]!));
        var theirs = await AgendaAsync("d1", "delegates");
        Assert.Contains(theirs, m => (string?)m!["withId"] == winner && (int)m["slot"]! == slot);
        Assert.Equal("cancelled", (string?)theirs.Single(m => (string?)m!["withId"] == "s01")!["state"]);
        Assert.Contains($"UID:{winner}.d1@{_host.EventId}.matchmaker", await _host.As(winner).GetStringAsync(_host.Url($"/startups/{winner}/agenda.ics")));
        Assert.Contains($"UID:{winner}.d1@{_host.EventId}.matchmaker", await _host.As("d1").GetStringAsync(_host.Url("/delegates/d1/agenda.ics")));

        // The next batch keeps the refill where it is and drops the cancelled meeting.
        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);
        var schedule = (await (await _host.Client.GetAsync(_host.Url("/schedule"))).ReadJsonAsync())["meetings"]!.AsArray();
        var kept = schedule.Single(m => (string?)m!["meetingId"] == $"{winner}.d1")!;
        Assert.Equal((slot, table), ((int)kept["slot"]!, (int)kept["table"]!));
        Assert.DoesNotContain(schedule, m => (string?)m!["meetingId"] == "s01.d1");
    }

    [Fact]
    public async Task Parties_check_themselves_in_and_the_organisers_day_view_counts_them()
    {
        var meeting = (await AgendaAsync("s01", "startups")).Single()!;
        var (id, start) = ((string)meeting["meetingId"]!, DateTimeOffset.Parse((string)meeting["start"]!));

        (await _host.As("s01").PostAsJsonAsync(_host.Url($"/meetings/{id}/check-in"), new { })).EnsureSuccessStatusCode();
        var rival = await _host.As("s02").PostAsJsonAsync(_host.Url($"/meetings/{id}/check-in"), new { });
        (await _host.Client.PostAsJsonAsync(_host.Url($"/meetings/{id}/check-in"), new { side = "delegate" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, rival.StatusCode);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).DateTime);
        var day = await (await _host.Client.GetAsync(_host.Url($"/day?date={date:yyyy-MM-dd}"))).ReadJsonAsync();
        Assert.Equal(2, day["checkIns"]!.AsArray().Count);
        var slot = day["slots"]!.AsArray().Single(s => (int)s!["slot"]! == (int)meeting["slot"]!)!;
        Assert.Equal(2, (int)slot["checkedIn"]!);
        Assert.Equal(20 - (int)slot["meetings"]!, (int)slot["emptyTables"]!);
    }

    private async Task<JsonArray> AgendaAsync(string id, string path) =>
        (await (await _host.As(id).GetAsync(_host.Url($"/{path}/{id}/agenda"))).ReadJsonAsync())["meetings"]!.AsArray();
}
