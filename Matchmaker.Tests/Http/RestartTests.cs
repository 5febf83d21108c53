using System.Net;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Http;

[Collection(StorageCollection.Name)]
public sealed class RestartTests(AzuriteFixture storage)
{
    [Fact]
    public async Task A_profile_written_over_http_is_read_back_by_a_new_host_on_the_same_storage()
    {
        string eventId, organiserKey;
        await using (var first = new MatchmakerFactory(storage.ConnectionString))
        {
            (eventId, organiserKey) = await EventHost.CreateEventAsync(first, Samples.Event());
            var client = first.CreateClient(organiserKey);
            (await client.PutJsonAsync($"/api/events/{eventId}/delegates/scout", new { profile = Samples.Delegate(), availability = new[] { 4, 5 } }))
                .EnsureSuccessStatusCode();
        }

        await using var second = new MatchmakerFactory(storage.ConnectionString);
        var response = await second.CreateClient(organiserKey).GetAsync($"/api/events/{eventId}/delegates/scout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Samsung Electronics", (string?)body["profile"]!["company"]);
        Assert.Equal("[4,5]", body["availability"]!.ToJsonString());
    }
}
