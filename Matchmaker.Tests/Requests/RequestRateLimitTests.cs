using System.Net;
using System.Net.Http.Json;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Requests;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Requests;

/// <summary>One allowance of requests a minute per sender, whether it sends through the HTTP API or a page's form.</summary>
[Collection(StorageCollection.Name)]
public sealed class RequestRateLimitTests(AzuriteFixture storage)
{
    [Fact]
    public async Task A_sender_past_its_minutes_allowance_is_told_to_wait_on_both_paths_and_others_still_send()
    {
        await using var host = await EventHost.StartAsync(storage, requestQuota: 10, ("Identity:RequestsPerMinute", "2"));
        await host.AddStartupsAsync("nuvi", "medi");
        await host.AddDelegatesAsync("d1", "d2", "d3", "d4");

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(host, "nuvi", "d1")).StatusCode);
        // The web app's form calls the same command as the route: it uses up the same allowance.
        var mediator = host.Factory.Services.GetRequiredService<IMediator>();
        await mediator.Send(new SendRequest(Actor.ParticipantOf(host.EventId, ParticipantKind.Startup, "nuvi"), host.EventId, "nuvi", "d2", RequestSide.Startup, null, null));

        var refused = await SendAsync(host, "nuvi", "d3");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("try again in a minute", (string?)(await refused.ReadJsonAsync())["detail"]);
        await Assert.ThrowsAsync<TooManyRequestsException>(async () => await mediator.Send(
            new SendRequest(Actor.ParticipantOf(host.EventId, ParticipantKind.Startup, "nuvi"), host.EventId, "nuvi", "d4", RequestSide.Startup, null, null)));

        var stored = await (await host.Client.GetAsync(host.Url("/startups/nuvi/requests"))).ReadJsonAsync();
        Assert.Equal(2, stored.AsArray().Count);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(host, "medi", "d3")).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(EventHost host, string startup, string person) =>
        host.As(startup).PostAsJsonAsync(host.Url("/requests"), new { startupId = startup, delegateId = person, from = "startup" });
}
