using System.Net;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Operations;

[Collection(StorageCollection.Name)]
public sealed class DashboardHttpTests(AzuriteFixture storage)
{
    [Fact]
    public async Task The_instance_admin_signs_in_to_the_dashboard_which_never_shows_grain_state()
    {
        await using var factory = new MatchmakerFactory(storage.ConnectionString);
        var admin = factory.CreateClient(MatchmakerFactory.AdminKey);
        var browser = factory.CreateClient((string?)null);

        var page = await admin.GetAsync("/dashboard/index.html");
        var stats = await admin.GetAsync("/dashboard/ClusterStats");
        var state = await admin.GetAsync("/dashboard/GrainState?grainId=demo&grainType=Matchmaker.Silo.Grains.EventGrain");
        var wrongKey = await browser.PostAsync("/dashboard/signin", new FormUrlEncodedContent([new("key", "admin.not-the-key")]));
        var signedIn = await browser.PostAsync("/dashboard/signin", new FormUrlEncodedContent([new("key", MatchmakerFactory.AdminKey)]));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/dashboard/ClusterStats");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(withCookie)).StatusCode);
    }
}
