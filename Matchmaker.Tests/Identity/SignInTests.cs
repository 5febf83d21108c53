using System.Net;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Identity;

[Collection(StorageCollection.Name)]
public sealed class SignInTests(AzuriteFixture storage) : IAsyncLifetime
{
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage);
        await _host.AddStartupsAsync("mine", "rival");
        await _host.AddDelegatesAsync("scout");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_sign_in_link_opens_that_participants_view_only()
    {
        var signIn = await _host.Anonymous.GetAsync($"/signin?token={Uri.EscapeDataString(_host.TokenOf("mine"))}");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var session = _host.Factory.CreateClient((string?)null);
        session.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        var me = await (await session.GetAsync(signIn.Headers.Location!.ToString())).ReadJsonAsync();
        Assert.Equal("mine", (string?)me["participantId"]);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(_host.Url("/startups/mine/requests"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(_host.Url("/startups/rival/requests"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(_host.Url("/startups"))).StatusCode);
    }

    [Fact]
    public async Task A_revoked_link_stops_working_and_its_sessions_with_it()
    {
        var token = _host.TokenOf("rival");
        var session = _host.Factory.CreateClient((string?)null);
        session.DefaultRequestHeaders.Add("Cookie", $"matchmaker_session={token}");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(_host.Url("/me"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Client.DeleteAsync(_host.Url("/startups/rival/token"))).StatusCode);

        var again = await _host.Anonymous.GetAsync($"/signin?token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("replaced or revoked", (string?)(await again.ReadJsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync(_host.Url("/me"))).StatusCode);
    }

    [Fact]
    public async Task A_rotated_token_replaces_the_old_one_and_a_calendar_feed_reads_only_its_agenda()
    {
        var old = _host.TokenOf("scout");
        var rotated = await (await _host.Client.PostAsync(_host.Url("/delegates/scout/token"), null)).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Factory.CreateClient(old).GetAsync(_host.Url("/me"))).StatusCode);
        var fresh = _host.Factory.CreateClient((string)rotated["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(_host.Url("/me"))).StatusCode);

        var feed = new Uri((string)(await (await fresh.GetAsync(_host.Url("/delegates/scout/calendar-feed"))).ReadJsonAsync())["url"]!);
        var feedToken = Uri.UnescapeDataString(feed.Query.Split("feed=")[1]);
        Assert.Equal(HttpStatusCode.OK, (await _host.Anonymous.GetAsync(feed.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Factory.CreateClient(feedToken).GetAsync(_host.Url("/delegates/scout/requests"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Anonymous.GetAsync(_host.Url($"/startups/mine/agenda.ics?feed={Uri.EscapeDataString(feedToken)}"))).StatusCode);
    }

    [Fact]
    public async Task Too_many_failed_credentials_from_one_address_are_told_to_wait()
    {
        await using var strict = new MatchmakerFactory(storage.ConnectionString, false, ("Identity:FailedCredentialsPerMinute", "3"));
        var guesser = strict.CreateClient($"{_host.EventId}.guess");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await guesser.GetAsync(_host.Url("/me"))).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
