using System.Net;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Operations;

[Collection(StorageCollection.Name)]
public sealed class MetricsHttpTests(AzuriteFixture storage)
{
    [Fact]
    public async Task The_instance_admin_scrapes_http_and_orleans_metrics_and_an_organiser_may_not()
    {
        await using var factory = new MatchmakerFactory(storage.ConnectionString);
        var admin = factory.CreateClient(MatchmakerFactory.AdminKey);
        var (eventId, organiserKey) = await Http.EventHost.CreateEventAsync(factory, Samples.Event());
        (await factory.CreateClient(organiserKey).GetAsync($"/api/events/{eventId}")).EnsureSuccessStatusCode();

        var scraped = await admin.GetAsync("/metrics");
        var refused = await factory.CreateClient(organiserKey).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("http_route=\"/api/events/{eventId}", text); // a group root comes out with a trailing slash
        Assert.Contains("orleans_", text);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
