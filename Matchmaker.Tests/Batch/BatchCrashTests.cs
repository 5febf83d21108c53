using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Batch;

/// <summary>
/// Failure injection: a real service process dies (Environment.FailFast, no clean-up) when the batch reaches a
/// phase; a new process must show the previous schedule, never a mix, and finish the job.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BatchCrashTests(AzuriteFixture storage)
{
    [Theory]
    [InlineData("Schedule")]
    [InlineData("Write")]
    [InlineData("Publish")]
    public async Task A_crash_mid_batch_leaves_the_old_schedule_published_and_the_next_start_finishes_the_run(string phase)
    {
        string eventId, organiserKey, s6, d2;
        JsonNode before;
        await using (var first = new MatchmakerFactory(storage.ConnectionString))
        {
            (eventId, organiserKey) = await EventHost.CreateEventAsync(first, Samples.Event());
            var client = first.CreateClient(organiserKey);
            var tokens = new Dictionary<string, string>();
            foreach (var id in new[] { "s1", "s2", "s3", "s4", "s5", "s6" })
                tokens[id] = (string)(await (await client.PutJsonAsync($"/api/events/{eventId}/startups/{id}", new { profile = Samples.Startup(id) })).ReadJsonAsync())["credentials"]!["token"]!;
            foreach (var id in new[] { "d1", "d2" })
                tokens[id] = (string)(await (await client.PutJsonAsync($"/api/events/{eventId}/delegates/{id}", new { profile = Samples.Delegate(id) })).ReadJsonAsync())["credentials"]!["token"]!;
            (s6, d2) = (tokens["s6"], tokens["d2"]);
            Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(client, eventId))["status"]);
            before = await (await client.GetAsync($"/api/events/{eventId}/schedule")).ReadJsonAsync();
        }

        await using (var doomed = await SiloProcess.StartAsync(storage.ConnectionString, $"Batch:CrashBefore={phase}"))
        {
            (await doomed.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/requests", s6, new { startupId = "s6", delegateId = "d2" })).EnsureSuccessStatusCode();
            (await doomed.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/requests/s6.d2/accept", d2)).EnsureSuccessStatusCode();
            (await doomed.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/batch", organiserKey)).EnsureSuccessStatusCode();
            await doomed.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(doomed.HasExited);
            Assert.Contains("failure injected", doomed.Output);
        }

        await using var revived = new MatchmakerFactory(storage.ConnectionString);
        var http = revived.CreateClient(organiserKey);
        var published = await (await http.GetAsync($"/api/events/{eventId}/schedule")).ReadJsonAsync();
        Assert.Equal((int)before["version"]!, (int)published["version"]!);
        Assert.Equal(before["meetings"]!.ToJsonString(), published["meetings"]!.ToJsonString());

        var runs = (await (await http.GetAsync($"/api/events/{eventId}/batch")).ReadJsonAsync()).AsArray();
        Assert.Contains(runs, r => (string?)r!["status"] == "interrupted");
        var resumed = await BatchRuns.WaitAsync(http, eventId, (int)runs[0]!["runId"]!);
        Assert.Equal("succeeded", (string?)resumed["status"]);

        var after = await (await http.GetAsync($"/api/events/{eventId}/schedule")).ReadJsonAsync();
        Assert.Equal((int)before["version"]! + 1, (int)after["version"]!);
        var meetings = after["meetings"]!.AsArray();
        Assert.Contains(meetings, m => (string?)m!["meetingId"] == "s6.d2");
        foreach (var old in before["meetings"]!.AsArray())
            Assert.Contains(meetings, m => (string?)m!["meetingId"] == (string?)old!["meetingId"]
                                           && (int)m!["slot"]! == (int)old["slot"]! && (int)m["table"]! == (int)old["table"]!);
    }
}
