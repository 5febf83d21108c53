using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matchmaker.Model.Domain;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Batch;

[Collection(StorageCollection.Name)]
public sealed class BatchHttpTests(AzuriteFixture storage) : IAsyncLifetime
{
    private static readonly string[] Startups = Enumerable.Range(1, 12).Select(i => $"s{i:00}").ToArray();
    private static readonly string[] Delegates = ["d1", "d2", "d3", "d4"];
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage);
        await _host.AddStartupsAsync(Startups);
        await _host.AddDelegatesAsync(Delegates);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_accepted_request_appears_on_both_agendas_at_the_same_slot_and_table_in_json_and_ics()
    {
        (await _host.As("s03").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "s03", delegateId = "d2" })).EnsureSuccessStatusCode();
        (await _host.As("d2").PostAsync(_host.Url("/requests/s03.d2/accept"), null)).EnsureSuccessStatusCode();

        var run = await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);

        Assert.Equal("succeeded", (string?)run["status"]);
        var startupAgenda = await (await _host.Client.GetAsync(_host.Url("/startups/s03/agenda"))).ReadJsonAsync();
        var delegateAgenda = await (await _host.Client.GetAsync(_host.Url("/delegates/d2/agenda"))).ReadJsonAsync();
        var mine = startupAgenda["meetings"]!.AsArray().Single(m => (string?)m!["withId"] == "d2")!;
        var theirs = delegateAgenda["meetings"]!.AsArray().Single(m => (string?)m!["withId"] == "s03")!;
        Assert.Equal((int)mine["slot"]!, (int)theirs["slot"]!);
        Assert.Equal((int)mine["table"]!, (int)theirs["table"]!);
        Assert.Equal("accepted", (string?)mine["origin"]);

        var ics = await _host.Client.GetStringAsync(_host.Url("/delegates/d2/agenda.ics"));
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains($"UID:s03.d2@{_host.EventId}.matchmaker", ics);
        Assert.Contains($"LOCATION:Table {(int)theirs["table"]!}", ics);
        Assert.Contains("TZID=Asia/Seoul", ics);
        var start = DateTimeOffset.Parse((string)mine["start"]!);
        Assert.Contains($"DTSTART;TZID=Asia/Seoul:{start:yyyyMMdd'T'HHmmss}", ics);

        var viaAccept = new HttpRequestMessage(HttpMethod.Get, _host.Url("/startups/s03/agenda"));
        viaAccept.Headers.Accept.ParseAdd("text/calendar");
        Assert.Equal("text/calendar", (await _host.Client.SendAsync(viaAccept)).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_rerun_keeps_every_published_meeting_in_place_and_reports_what_changed()
    {
        (await _host.As("s01").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "s01", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await _host.As("d1").PostAsync(_host.Url("/requests/s01.d1/accept"), null)).EnsureSuccessStatusCode();
        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);
        var first = await ScheduleAsync();

        var before = Placements(first);
        // Newcomers: the first run gave every delegate as many meetings as their caps allow.
        var (startup, person) = ("latecomer", "d5");
        await _host.AddStartupsAsync(startup);
        await _host.AddDelegatesAsync(person);
        (await _host.As(person).PostAsJsonAsync(_host.Url("/requests"), new { startupId = startup, delegateId = person, from = "delegate" })).EnsureSuccessStatusCode();
        (await _host.As(startup).PostAsync(_host.Url($"/requests/{startup}.{person}/accept"), null)).EnsureSuccessStatusCode();
        var rerun = await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);
        var second = await ScheduleAsync();

        Assert.Equal((int)first["version"]! + 1, (int)second["version"]!);
        var after = Placements(second);
        Assert.All(before, p => Assert.Equal(p.Value, after.GetValueOrDefault(p.Key)));
        Assert.Contains($"{startup}.{person}", after.Keys);
        Assert.Equal(0, (int)rerun["quality"]!["moved"]!);
        Assert.Contains(second["changes"]!.AsArray(), c => (string?)c!["participantId"] == startup
                                                           && c["added"]!.AsArray().Any(a => (string?)a == $"{startup}.{person}"));
    }

    [Fact]
    public async Task Every_published_schedule_passes_an_independent_check()
    {
        foreach (var (s, d) in new[] { ("s01", "d1"), ("s02", "d1"), ("s03", "d2"), ("s04", "d3") })
        {
            (await _host.As(s).PostAsJsonAsync(_host.Url("/requests"), new { startupId = s, delegateId = d })).EnsureSuccessStatusCode();
            (await _host.As(d).PostAsync(_host.Url($"/requests/{s}.{d}/accept"), null)).EnsureSuccessStatusCode();
        }
        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);

        var schedule = await ScheduleAsync();
        var config = Samples.Event();
        var slots = EventSlots.From(config);
        var startups = Startups.ToDictionary(id => id, id => new ScheduleAudit.Participant(id, null, config.MaxMeetingsPerStartup, null));
        var delegates = Delegates.ToDictionary(id => id, id => new ScheduleAudit.Participant(id, null, config.MaxMeetingsPerDelegate, Samples.Delegate().MeetingsPerDayCap));

        var problems = ScheduleAudit.Problems(schedule, config.Tables, slots.ToDictionary(s => s.Index, s => s.DayIndex), startups, delegates,
            [("s01", "d1"), ("s02", "d1"), ("s03", "d2"), ("s04", "d3")]);

        Assert.Empty(problems);
        Assert.True(schedule["meetings"]!.AsArray().Count > 4, "the batch should add recommended meetings beside the accepted ones");
        Assert.Equal(4, (int)schedule["quality"]!["mustMeetsPlaced"]!);
    }

    [Fact]
    public async Task Starting_a_batch_while_one_runs_returns_the_running_one()
    {
        var first = await (await _host.Client.PostAsync(_host.Url("/batch"), null)).ReadJsonAsync();
        var second = await (await _host.Client.PostAsync(_host.Url("/batch"), null)).ReadJsonAsync();

        if ((string?)second["status"] == "running")
            Assert.Equal((int)first["runId"]!, (int)second["runId"]!);
        await BatchRuns.WaitAsync(_host.Client, _host.EventId, (int)second["runId"]!);
    }

    [Fact]
    public async Task Before_any_batch_the_agenda_is_empty_and_the_schedule_has_version_zero()
    {
        var agenda = await (await _host.Client.GetAsync(_host.Url("/startups/s01/agenda"))).ReadJsonAsync();
        var schedule = await ScheduleAsync();

        Assert.Equal(0, (int)agenda["version"]!);
        Assert.Empty(agenda["meetings"]!.AsArray());
        Assert.Equal(0, (int)schedule["version"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync(_host.Url("/startups/nobody/agenda"))).StatusCode);
    }

    [Fact]
    public async Task The_schedule_csv_has_a_row_per_meeting_for_table_cards()
    {
        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);
        var schedule = await ScheduleAsync();

        var csv = (await _host.Client.GetStringAsync(_host.Url("/schedule.csv"))).TrimEnd().Split('\n');

        Assert.StartsWith("slot,date,start,end,table,startup_id,startup,delegate_id,delegate,company,origin", csv[0]);
        Assert.Equal(schedule["meetings"]!.AsArray().Count, csv.Length - 1);
    }

    [Fact]
    public async Task Schedule_csv_neutralises_names_a_spreadsheet_would_run()
    {
        await _host.RegisterAsync("startups", "formula", new { profile = Samples.Startup("=HYPERLINK(\"http://evil.example\",\"x\")") });
        (await _host.As("formula").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "formula", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await _host.As("d1").PostAsync(_host.Url("/requests/formula.d1/accept"), null)).EnsureSuccessStatusCode();
        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);

        var rows = (await _host.Client.GetStringAsync(_host.Url("/schedule.csv"))).Split('\n').Where(l => l.Contains(",formula,")).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("'=HYPERLINK(", row));
        Assert.All(rows, row => Assert.DoesNotContain(",=HYPERLINK", row));
        Assert.All(rows, row => Assert.DoesNotContain(",\"=HYPERLINK", row));
    }

    [Fact]
    public async Task Changing_the_hours_after_publishing_is_refused_naming_the_meetings_it_would_move()
    {
        (await _host.As("s02").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "s02", delegateId = "d3" })).EnsureSuccessStatusCode();
        (await _host.As("d3").PostAsync(_host.Url("/requests/s02.d3/accept"), null)).EnsureSuccessStatusCode();
        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);
        var before = await ScheduleAsync();

        var later = await _host.Client.PutJsonAsync(_host.Url(""), Samples.Event() with { DailyStart = new TimeOnly(10, 0), DailyEnd = new TimeOnly(18, 0) });
        var moreDays = await _host.Client.PutJsonAsync(_host.Url(""), Samples.Event(days: 3));

        Assert.Equal(HttpStatusCode.Conflict, later.StatusCode);
        Assert.Contains("would move", (string?)(await later.ReadJsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.OK, moreDays.StatusCode);
        Assert.Equal(before["meetings"]!.ToJsonString(), (await ScheduleAsync())["meetings"]!.ToJsonString());
    }

    private async Task<JsonNode> ScheduleAsync() => await (await _host.Client.GetAsync(_host.Url("/schedule"))).ReadJsonAsync();

    private static Dictionary<string, (int Slot, int Table)> Placements(JsonNode schedule) =>
        schedule["meetings"]!.AsArray().ToDictionary(m => (string)m!["meetingId"]!, m => ((int)m!["slot"]!, (int)m["table"]!));
}

public static class BatchRuns
{
    public static async Task<JsonNode> RunToEndAsync(HttpClient client, string eventId)
    {
        var started = await client.PostAsync($"/api/events/{eventId}/batch", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return await WaitAsync(client, eventId, (int)(await started.ReadJsonAsync())["runId"]!);
    }

    public static async Task<JsonNode> WaitAsync(HttpClient client, string eventId, int runId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var run = await (await client.GetAsync($"/api/events/{eventId}/batch/{runId}")).ReadJsonAsync();
            if ((string?)run["status"] != "running") return run;
            Assert.True(DateTime.UtcNow < deadline, $"batch run {runId} still running: {run.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
