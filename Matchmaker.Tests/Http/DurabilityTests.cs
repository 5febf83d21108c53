using System.Net;
using Matchmaker.Silo.Hosting;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Http;

public sealed class DurabilityTests
{
    [Fact]
    public async Task A_profile_written_just_before_kill_9_of_the_hosts_whole_process_group_is_there_after_a_restart()
    {
        // The service starts its own development storage here, as `dotnet run` does: Azurite is its child.
        var data = Path.Combine(Path.GetTempPath(), "matchmaker-durability-" + Guid.NewGuid().ToString("N"));
        var (blob, queue, table) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        string[] settings = [$"DevelopmentStorage:DataDirectory={data}", $"DevelopmentStorage:BlobPort={blob}", $"DevelopmentStorage:QueuePort={queue}", $"DevelopmentStorage:TablePort={table}"];
        try
        {
            string eventId, organiserKey;
            await using (var doomed = await SiloProcess.StartAsync(DevelopmentStorage.DevelopmentConnectionString, ownProcessGroup: true, settings))
            {
                eventId = Samples.NewId("kill");
                var created = await doomed.SendAsync(HttpMethod.Put, $"/api/events/{eventId}", MatchmakerFactory.AdminKey, Samples.Event());
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                organiserKey = (string)(await created.ReadJsonAsync())["organiserKey"]!;
                var written = await doomed.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/startups/last-word", organiserKey,
                    new { profile = Samples.Startup("Written Last") });
                Assert.Equal(HttpStatusCode.Created, written.StatusCode);

                await doomed.KillProcessGroupAsync();
            }
            // Azurite outlived the group: it notices the host is gone, saves and exits by itself.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await AzuriteProcess.AnswersAsync(table) && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.False(await AzuriteProcess.AnswersAsync(table));

            await using var revived = await SiloProcess.StartAsync(DevelopmentStorage.DevelopmentConnectionString, ownProcessGroup: true, settings);
            var read = await revived.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/startups/last-word", organiserKey);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("Written Last", (string?)(await read.ReadJsonAsync())["profile"]!["name"]);
            await revived.KillProcessGroupAsync();
            deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await AzuriteProcess.AnswersAsync(table) && DateTime.UtcNow < deadline) await Task.Delay(200);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
