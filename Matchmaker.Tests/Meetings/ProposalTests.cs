using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Meetings;

/// <summary>The batch proposes; people confirm or decline; a rerun honours what they agreed and asked for.</summary>
[Collection(StorageCollection.Name)]
public sealed class ProposalTests(AzuriteFixture storage) : IAsyncLifetime
{
    private static readonly string[] Startups = Enumerable.Range(1, 12).Select(i => $"s{i:00}").ToArray();
    private static readonly string[] Delegates = ["d1", "d2", "d3", "d4"];
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage);
        await _host.AddStartupsAsync(Startups);
        await _host.AddDelegatesAsync(Delegates);
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(_host.Client, _host.EventId))["status"]);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_accepted_after_the_first_batch_is_placed_by_moving_or_dropping_an_unconfirmed_proposal()
    {
        // The first batch filled every scout to the cap with proposals nobody has confirmed yet.
        var first = await ScheduleAsync();
        Assert.Equal(12, first["meetings"]!.AsArray().Count(m => (string?)m!["delegateId"] == "d1"));
        await _host.AddStartupsAsync("late");
        (await _host.As("late").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "late", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await _host.As("d1").PostAsync(_host.Url("/requests/late.d1/accept"), null)).EnsureSuccessStatusCode();

        var rerun = await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);

        Assert.Empty(rerun["quality"]!["unplaced"]!.AsArray());
        var second = await ScheduleAsync();
        Assert.Contains(second["meetings"]!.AsArray(), m => (string?)m!["meetingId"] == "late.d1");
        var agenda = await AgendaAsync("late");
        Assert.Equal("confirmed", (string?)agenda.Single(m => (string?)m!["withId"] == "d1")!["state"]);
    }

    [Fact]
    public async Task A_proposal_counts_once_both_confirm_and_then_keeps_its_place()
    {
        var proposal = (await AgendaAsync("s03")).First()!;
        var (id, scout) = ((string)proposal["meetingId"]!, (string)proposal["withId"]!);
        Assert.Equal("proposed", (string?)proposal["state"]);

        (await _host.As("s03").PostAsync(_host.Url($"/requests/{id}/accept"), null)).EnsureSuccessStatusCode();
        var half = (await AgendaAsync("s03")).Single(m => (string?)m!["meetingId"] == id)!;
        Assert.Equal("proposed", (string?)half["state"]);
        Assert.True((bool)half["youConfirmed"]!);
        var outsider = await _host.As("s04").PostAsync(_host.Url($"/requests/{id}/accept"), null);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);

        (await _host.As(scout).PostAsync(_host.Url($"/requests/{id}/accept"), null)).EnsureSuccessStatusCode();
        Assert.Equal("confirmed", (string?)(await AgendaAsync("s03")).Single(m => (string?)m!["meetingId"] == id)!["state"]);
        Assert.Contains("STATUS:CONFIRMED", await _host.As("s03").GetStringAsync(_host.Url("/startups/s03/agenda.ics")));

        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);
        var after = (await AgendaAsync("s03")).Single(m => (string?)m!["meetingId"] == id)!;
        Assert.Equal(((int)proposal["slot"]!, (int)proposal["table"]!), ((int)after["slot"]!, (int)after["table"]!));
    }

    [Fact]
    public async Task Declining_a_proposal_frees_its_slot_and_the_pair_is_not_proposed_again()
    {
        var proposal = (await AgendaAsync("s05")).First()!;
        var (id, scout) = ((string)proposal["meetingId"]!, (string)proposal["withId"]!);

        (await _host.As(scout).PostAsJsonAsync(_host.Url($"/requests/{id}/decline"), new { reason = "Met them last year" })).EnsureSuccessStatusCode();
        Assert.Equal("cancelled", (string?)(await AgendaAsync("s05")).Single(m => (string?)m!["meetingId"] == id)!["state"]);
        Assert.Contains("STATUS:CANCELLED", await _host.As("s05").GetStringAsync(_host.Url("/startups/s05/agenda.ics")));

        await BatchRuns.RunToEndAsync(_host.Client, _host.EventId);

        Assert.DoesNotContain((await ScheduleAsync())["meetings"]!.AsArray(), m => (string?)m!["meetingId"] == id);
        var again = await _host.As("s05").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "s05", delegateId = scout });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private async Task<JsonNode> ScheduleAsync() => await (await _host.Client.GetAsync(_host.Url("/schedule"))).ReadJsonAsync();

    private async Task<JsonArray> AgendaAsync(string startup) =>
        (await (await _host.As(startup).GetAsync(_host.Url($"/startups/{startup}/agenda"))).ReadJsonAsync())["meetings"]!.AsArray();
}
