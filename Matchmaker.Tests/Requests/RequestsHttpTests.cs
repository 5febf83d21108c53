using System.Net;
using System.Net.Http.Json;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Requests;

[Collection(StorageCollection.Name)]
public sealed class RequestsHttpTests(AzuriteFixture storage) : IAsyncLifetime
{
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage, requestQuota: 2);
        await _host.AddStartupsAsync("nuvi", "medi");
        await _host.AddDelegatesAsync("d1", "d2", "d3");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_is_held_by_both_parties_and_acceptance_shows_on_both()
    {
        var created = await SendAsync("nuvi", "d1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string?)(await created.ReadJsonAsync())["id"];
        Assert.Equal("nuvi.d1", id);

        Assert.Equal("pending", await StatusOnDelegateAsync("d1", "nuvi"));
        var accepted = await _host.As("d1").PostAsync(_host.Url($"/requests/{id}/accept"), null);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("accepted", await StatusOnDelegateAsync("d1", "nuvi"));
        Assert.Equal("accepted", (string?)(await (await _host.Client.GetAsync(_host.Url("/startups/nuvi/requests"))).ReadJsonAsync())[0]!["status"]);
    }

    [Fact]
    public async Task The_pending_quota_refuses_with_what_is_left_and_frees_up_when_one_is_cancelled()
    {
        (await SendAsync("nuvi", "d1")).EnsureSuccessStatusCode();
        (await SendAsync("nuvi", "d2")).EnsureSuccessStatusCode();

        var third = await SendAsync("nuvi", "d3");
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        var problem = await third.ReadJsonAsync();
        Assert.Contains("0 left", (string?)problem["detail"]);
        Assert.Equal("request-quota", (string?)problem["code"]);

        (await _host.As("nuvi").PostAsync(_host.Url("/requests/nuvi.d1/cancel"), null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync("nuvi", "d3")).StatusCode);
    }

    [Fact]
    public async Task A_duplicate_request_is_refused_and_a_declined_pair_cannot_be_requested_again()
    {
        (await SendAsync("medi", "d1")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("medi", "d1")).StatusCode);

        var declined = await _host.As("d1").PostAsJsonAsync(_host.Url("/requests/medi.d1/decline"), new { reason = "Not our focus this year" });
        Assert.Equal("Not our focus this year", (string?)(await declined.ReadJsonAsync())["declineReason"]);

        var again = await SendAsync("medi", "d1");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ReadJsonAsync();
        Assert.Contains("declined", (string?)problem["detail"]);
        Assert.Equal("request-declined", (string?)problem["code"]);
    }

    [Fact]
    public async Task When_both_sides_ask_for_the_same_meeting_it_is_accepted_as_mutual()
    {
        (await SendAsync("nuvi", "d2", from: "delegate")).EnsureSuccessStatusCode();

        var answer = await (await SendAsync("nuvi", "d2")).ReadJsonAsync();

        Assert.Equal("accepted", (string?)answer["status"]);
        Assert.True((bool)answer["mutual"]!);
    }

    [Fact]
    public async Task Retrying_with_the_same_idempotency_key_returns_the_same_request_without_a_second_one()
    {
        var first = await SendAsync("medi", "d3", key: "retry-1");
        var retry = await SendAsync("medi", "d3", key: "retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((int)(await first.ReadJsonAsync())["revision"]!, (int)(await retry.ReadJsonAsync())["revision"]!);
        Assert.Single((await (await _host.Client.GetAsync(_host.Url("/delegates/d3/requests"))).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task Accepting_twice_changes_nothing_but_accepting_a_cancelled_request_is_refused()
    {
        (await SendAsync("nuvi", "d3")).EnsureSuccessStatusCode();
        var once = await (await _host.As("d3").PostAsync(_host.Url("/requests/nuvi.d3/accept"), null)).ReadJsonAsync();
        var twice = await (await _host.As("d3").PostAsync(_host.Url("/requests/nuvi.d3/accept"), null)).ReadJsonAsync();
        Assert.Equal((int)once["revision"]!, (int)twice["revision"]!);

        (await _host.As("nuvi").PostAsync(_host.Url("/requests/nuvi.d3/cancel"), null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await _host.As("d3").PostAsync(_host.Url("/requests/nuvi.d3/accept"), null)).StatusCode);
    }

    [Fact]
    public async Task Requests_naming_unknown_participants_or_bad_ids_are_refused_and_store_nothing()
    {
        var unknown = await SendAsync("nuvi", "nobody");
        var badId = await _host.Client.PostAsync(_host.Url("/requests/not-a-pair/accept"), null);
        var noBody = await _host.Client.PostAsJsonAsync(_host.Url("/requests"), new { });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nobody", (string?)(await unknown.ReadJsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.NotNull((await noBody.ReadJsonAsync())["errors"]!["startupId"]);
        Assert.Empty((await (await _host.Client.GetAsync(_host.Url("/startups/nuvi/requests"))).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task A_startup_cannot_accept_its_own_request_nor_a_rival_decline_it()
    {
        (await SendAsync("nuvi", "d2")).EnsureSuccessStatusCode();

        var selfAccept = await _host.As("nuvi").PostAsync(_host.Url("/requests/nuvi.d2/accept"), null);
        var rivalDecline = await _host.As("medi").PostAsync(_host.Url("/requests/nuvi.d2/decline"), null);
        var otherScoutAccept = await _host.As("d3").PostAsync(_host.Url("/requests/nuvi.d2/accept"), null);
        var organiserAccept = await _host.Client.PostAsync(_host.Url("/requests/nuvi.d2/accept"), null);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { selfAccept.StatusCode, rivalDecline.StatusCode, otherScoutAccept.StatusCode, organiserAccept.StatusCode });
        Assert.Equal("pending", await StatusOnDelegateAsync("d2", "nuvi"));
    }

    [Fact]
    public async Task Nobody_sends_as_someone_else_or_reads_another_participants_requests()
    {
        var asRival = await _host.As("medi").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "nuvi", delegateId = "d1", from = "startup" });
        var startupAsDelegate = await _host.As("nuvi").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "nuvi", delegateId = "d1", from = "delegate" });
        var organiserSends = await _host.Client.PostAsJsonAsync(_host.Url("/requests"), new { startupId = "nuvi", delegateId = "d1", from = "startup" });
        var readRival = await _host.As("medi").GetAsync(_host.Url("/startups/nuvi/requests"));
        var readScout = await _host.As("d2").GetAsync(_host.Url("/delegates/d1/requests"));

        Assert.All(new[] { asRival, startupAsDelegate, organiserSends, readRival, readScout }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Empty((await (await _host.As("nuvi").GetAsync(_host.Url("/startups/nuvi/requests"))).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task An_idempotency_key_is_bound_to_its_body_and_scoped_to_its_sender()
    {
        (await SendAsync("nuvi", "d1", key: "k-1")).EnsureSuccessStatusCode();

        var otherBody = await SendAsync("nuvi", "d2", key: "k-1");
        var otherSender = await SendAsync("nuvi", "d3", from: "delegate", key: "k-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Contains("k-1", (string?)(await otherBody.ReadJsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.Created, otherSender.StatusCode);
        Assert.DoesNotContain((await (await _host.As("nuvi").GetAsync(_host.Url("/startups/nuvi/requests"))).ReadJsonAsync()).AsArray(),
            r => (string?)r!["delegateId"] == "d2");
    }

    private Task<HttpResponseMessage> SendAsync(string startup, string person, string from = "startup", string? key = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _host.Url("/requests"))
        {
            Content = JsonContent.Create(new { startupId = startup, delegateId = person, from, message = "Hello" }),
        };
        if (key is not null) message.Headers.Add("Idempotency-Key", key);
        return _host.As(from == "startup" ? startup : person).SendAsync(message);
    }

    private async Task<string?> StatusOnDelegateAsync(string person, string startup)
    {
        var list = (await (await _host.Client.GetAsync(_host.Url($"/delegates/{person}/requests"))).ReadJsonAsync()).AsArray();
        return (string?)list.Single(r => (string?)r!["startupId"] == startup)!["status"];
    }
}
