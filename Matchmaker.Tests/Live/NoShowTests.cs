using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Live;

/// <summary>During a meeting: a party that did not come is reported, its table is freed, and the day view counts it.</summary>
[Collection(StorageCollection.Name)]
public sealed class NoShowTests(AzuriteFixture storage) : IAsyncLifetime
{
    private static readonly string[] Startups = Enumerable.Range(1, 16).Select(i => $"s{i:00}").ToArray();
    private readonly ShiftedClock _clock = new();
    private EventHost _host = null!;
    private DateTimeOffset _start;
    private int _slot;

    public async ValueTask InitializeAsync()
    {
        // One scout with room for 12 of 16 startups (four on standby); s01's request is accepted, so its meeting is confirmed.
        _host = await EventHost.StartAsync(storage, _clock);
        await _host.AddStartupsAsync(Startups);
        await _host.AddDelegatesAsync("d1");
        (await _host.As("s01").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "s01", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await _host.As("d1").PostAsync(_host.Url("/requests/s01.d1/accept"), null)).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(_host.Client, _host.EventId))["status"]);
        var meeting = (await AgendaAsync("s01", "startups")).Single()!;
        (_start, _slot) = (DateTimeOffset.Parse((string)meeting["start"]!), (int)meeting["slot"]!);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_scout_reports_an_absent_startup_after_five_minutes_and_a_standby_startup_takes_the_rest_of_the_slot()
    {
        _clock.MoveTo(_start.AddMinutes(2));
        var early = await _host.As("d1").PostAsJsonAsync(_host.Url("/meetings/s01.d1/no-show"), new { });
        _clock.MoveTo(_start.AddMinutes(6));
        var rival = await _host.As("s02").PostAsJsonAsync(_host.Url("/meetings/s01.d1/no-show"), new { });
        var reported = await _host.As("d1").PostAsJsonAsync(_host.Url("/meetings/s01.d1/no-show"), new { });
        var denial = await _host.As("s01").PostAsJsonAsync(_host.Url("/meetings/s01.d1/no-show"), new { });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("no-show-too-early", (string?)(await early.ReadJsonAsync())["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, rival.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, denial.StatusCode);
        var outcome = await reported.ReadJsonAsync();
        Assert.Equal(("startup", "s01", "d1"), ((string)outcome["noShow"]!["absent"]!, (string)outcome["noShow"]!["absentId"]!, (string)outcome["noShow"]!["reportedBy"]!));

        // The scout waits at a free table with 14 minutes left: three standby startups are offered the rest of the slot.
        var offer = outcome["offer"]!;
        var candidates = offer["candidates"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(3, candidates.Count);
        Assert.DoesNotContain("s01", candidates);
        Assert.Equal(_start.AddMinutes(10), DateTimeOffset.Parse((string)offer["expiresAt"]!));
        var taken = await _host.As(candidates[0]).PostAsync(_host.Url($"/offers/{(string)offer["offerId"]!}/accept"), null);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains(await AgendaAsync(candidates[0], "startups"), m => (int)m!["slot"]! == _slot && (string?)m["withId"] == "d1");

        var day = await DayAsync();
        var noShow = day["noShows"]!.AsArray().Single()!;
        Assert.Equal(("s01.d1", "s01"), ((string)noShow["meetingId"]!, (string)noShow["absentId"]!));
        Assert.Equal(1, (int)day["slots"]!.AsArray().Single(s => (int)s!["slot"]! == _slot)!["noShows"]!);

        // The missed meeting is off like a cancelled one, so the next batch keeps the refill at the same table without a clash.
        Assert.Equal("cancelled", (string?)(await AgendaAsync("s01", "startups")).Single()!["state"]);
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(_host.Client, _host.EventId))["status"]);
        var schedule = (await (await _host.Client.GetAsync(_host.Url("/schedule"))).ReadJsonAsync())["meetings"]!.AsArray();
        Assert.Equal(_slot, (int)schedule.Single(m => (string?)m!["meetingId"] == $"{candidates[0]}.d1")!["slot"]!);
        Assert.DoesNotContain(schedule, m => (string?)m!["meetingId"] == "s01.d1");
    }

    [Fact]
    public async Task A_party_that_checked_in_is_not_absent_and_the_organiser_reports_the_side_that_is()
    {
        _clock.MoveTo(_start.AddMinutes(7));
        (await _host.As("s01").PostAsJsonAsync(_host.Url("/meetings/s01.d1/check-in"), new { })).EnsureSuccessStatusCode();

        var wrong = await _host.As("d1").PostAsJsonAsync(_host.Url("/meetings/s01.d1/no-show"), new { });
        var unnamed = await _host.Client.PostAsJsonAsync(_host.Url("/meetings/s01.d1/no-show"), new { });
        var byOrganiser = await _host.Client.PostAsJsonAsync(_host.Url("/meetings/s01.d1/no-show"), new { absent = "delegate" });

        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Contains("checked in", (string?)(await wrong.ReadJsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.Forbidden, unnamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOrganiser.StatusCode);
        var outcome = await byOrganiser.ReadJsonAsync();
        Assert.Equal(("delegate", "d1", "organiser"), ((string)outcome["noShow"]!["absent"]!, (string)outcome["noShow"]!["absentId"]!, (string)outcome["noShow"]!["reportedBy"]!));
        // Standby startups meet the scout, who is the one missing: nothing to offer.
        Assert.Null(outcome["offer"]);

        // The day's rate: one no-show among the scout's meetings that had started five minutes before now.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).DateTime);
        var now = _clock.GetUtcNow();
        var started = (await AgendaAsync("d1", "delegates")).Count(m =>
            DateTimeOffset.Parse((string)m!["start"]!) is var start && start.AddMinutes(5) <= now
            && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).DateTime) == date);
        var day = await DayAsync();
        Assert.Equal(1.0 / started, (double)day["noShowRate"]!, 6);
        Assert.Equal("d1", (string?)day["noShows"]!.AsArray().Single()!["absentId"]);
    }

    [Fact]
    public async Task A_proposal_nobody_confirmed_has_no_no_show()
    {
        var proposal = (await AgendaAsync("d1", "delegates")).First(m => (string?)m!["state"] == "proposed")!;
        _clock.MoveTo(DateTimeOffset.Parse((string)proposal["start"]!).AddMinutes(6));

        var response = await _host.As("d1").PostAsJsonAsync(_host.Url($"/meetings/{(string)proposal["meetingId"]!}/no-show"), new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not a confirmed meeting", (string?)(await response.ReadJsonAsync())["detail"]);
    }

    private async Task<JsonNode> DayAsync()
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).DateTime);
        var response = await _host.Client.GetAsync(_host.Url($"/day?date={date:yyyy-MM-dd}"));
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    private async Task<JsonArray> AgendaAsync(string id, string path) =>
        (await (await _host.As(id).GetAsync(_host.Url($"/{path}/{id}/agenda"))).ReadJsonAsync())["meetings"]!.AsArray();
}
