using System.Net;
using System.Text;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Identity;

/// <summary>Who calls, relative to the participant a route is about.</summary>
public enum Caller
{
    Anonymous,
    /// <summary>The organiser of another event.</summary>
    OtherOrganiser,
    Organiser,
    /// <summary>The participant the route is about (or the row's acting party).</summary>
    Participant,
    /// <summary>Another participant on the same side.</summary>
    SameSide,
    /// <summary>A participant of the other side, related to the resource (the counterpart of a request or meeting).</summary>
    Counterpart,
}

/// <summary>
/// One table of every endpoint × caller with the status each must get. The app's endpoints are enumerated, so a
/// new route without a row fails here until someone decides who may call it.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class AuthorizationMatrixTests(AzuriteFixture storage) : IAsyncLifetime
{
    private const HttpStatusCode Ok = HttpStatusCode.OK, Created = HttpStatusCode.Created, Accepted = HttpStatusCode.Accepted, NoContent = HttpStatusCode.NoContent;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized, Forbidden = HttpStatusCode.Forbidden, NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode Conflict = HttpStatusCode.Conflict;

    private EventHost _host = null!;
    private HttpClient _otherOrganiser = null!;

    /// <summary>A route, a concrete call of it, who is who, and the status per caller (in the enum's order).</summary>
    private sealed record Row(string Method, string Pattern, string Path, string Subject, string SameSide, string Counterpart, object? Body, HttpStatusCode[] Expected, string? Csv = null);

    private static HttpStatusCode[] Expect(HttpStatusCode anonymous, HttpStatusCode otherOrganiser, HttpStatusCode organiser,
        HttpStatusCode participant, HttpStatusCode sameSide, HttpStatusCode counterpart) => [anonymous, otherOrganiser, organiser, participant, sameSide, counterpart];

    private static readonly HttpStatusCode[] Everyone = Expect(Ok, Ok, Ok, Ok, Ok, Ok);
    private static readonly HttpStatusCode[] OrganiserOnly = Expect(Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden);
    private static readonly HttpStatusCode[] OwnerAndOrganiser = Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Forbidden);
    private static readonly HttpStatusCode[] EventMembers = Expect(Unauthorized, Forbidden, Ok, Ok, Ok, Ok);
    private static readonly HttpStatusCode[] InstanceAdminOnly = Expect(Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden);

    private IReadOnlyList<Row> Rows()
    {
        const string e = "/api/events/{eventId}";
        var E = $"/api/events/{_host.EventId}";
        var config = Samples.Event() with { Days = [new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 5)] };
        var csv = "kind,id,name,sectors,stage,country,seeks\nstartup,imported,Imported Co,hardware,seed,KOR,investment";
        var s = new { profile = Samples.Startup("s1") };
        var d = new { profile = Samples.Delegate("d1") };
        return
        [
            new("GET", "/health", "/health", "s1", "s2", "d1", null, Everyone),
            new("GET", "/health/ready", "/health/ready", "s1", "s2", "d1", null, Everyone),
            new("GET", "/openapi/{documentName}.json", "/openapi/v1.json", "s1", "s2", "d1", null, Everyone),
            // Operator views are for the instance admin key alone (MetricsHttpTests: the admin reads it).
            new("GET", "/metrics", "/metrics", "s1", "s2", "d1", null, InstanceAdminOnly),
            new("GET", "/signin", "/signin?token=week.not-a-token", "s1", "s2", "d1", null, Expect(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized)),
            new("POST", "/signout", "/signout", "s1", "s2", "d1", null, Expect(NoContent, NoContent, NoContent, NoContent, NoContent, NoContent)),
            new("GET", $"{e}/me", $"{E}/me", "s1", "s2", "d1", null, EventMembers),

            new("PUT", e, E, "s1", "s2", "d1", config, Expect(Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden)),
            new("GET", e, E, "s1", "s2", "d1", null, EventMembers),
            new("POST", $"{e}/organiser-key", $"{E}/organiser-key", "s1", "s2", "d1", null, OrganiserOnly),
            new("POST", $"{e}/import", $"{E}/import", "s1", "s2", "d1", null, OrganiserOnly, csv),

            new("PUT", $"{e}/startups/{{id}}", $"{E}/startups/s1", "s1", "s2", "d1", s, Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Forbidden)),
            new("GET", $"{e}/startups/{{id}}", $"{E}/startups/s1", "s1", "s2", "d1", null, Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Ok)),
            new("GET", $"{e}/startups", $"{E}/startups", "s1", "s2", "d1", null, OrganiserOnly),
            new("PUT", $"{e}/delegates/{{id}}", $"{E}/delegates/d1", "d1", "d2", "s1", d, Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Forbidden)),
            new("GET", $"{e}/delegates/{{id}}", $"{E}/delegates/d1", "d1", "d2", "s1", null, Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Ok)),
            new("GET", $"{e}/delegates", $"{E}/delegates", "d1", "d2", "s1", null, OrganiserOnly),

            // This host has no mail server: the organiser is told so (409) and nothing changes (before the token rows, which replace s4's and d4's tokens); the others learn nothing.
            new("POST", $"{e}/startups/{{id}}/token/mail", $"{E}/startups/s4/token/mail", "s4", "s2", "d1", null, Expect(Unauthorized, Forbidden, Conflict, Forbidden, Forbidden, Forbidden)),
            new("POST", $"{e}/delegates/{{id}}/token/mail", $"{E}/delegates/d4/token/mail", "d4", "d2", "s1", null, Expect(Unauthorized, Forbidden, Conflict, Forbidden, Forbidden, Forbidden)),
            new("POST", $"{e}/startups/{{id}}/token", $"{E}/startups/s4/token", "s4", "s2", "d1", null, OrganiserOnly),
            new("DELETE", $"{e}/startups/{{id}}/token", $"{E}/startups/s5/token", "s5", "s2", "d1", null, Expect(Unauthorized, Forbidden, NoContent, Forbidden, Forbidden, Forbidden)),
            new("POST", $"{e}/delegates/{{id}}/token", $"{E}/delegates/d4/token", "d4", "d2", "s1", null, OrganiserOnly),
            new("DELETE", $"{e}/delegates/{{id}}/token", $"{E}/delegates/d5/token", "d5", "d2", "s1", null, Expect(Unauthorized, Forbidden, NoContent, Forbidden, Forbidden, Forbidden)),
            new("GET", $"{e}/startups/{{id}}/calendar-feed", $"{E}/startups/s1/calendar-feed", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("POST", $"{e}/startups/{{id}}/calendar-feed", $"{E}/startups/s3/calendar-feed", "s3", "s2", "d1", null, OwnerAndOrganiser),
            new("GET", $"{e}/delegates/{{id}}/calendar-feed", $"{E}/delegates/d1/calendar-feed", "d1", "d2", "s1", null, OwnerAndOrganiser),
            new("POST", $"{e}/delegates/{{id}}/calendar-feed", $"{E}/delegates/d3/calendar-feed", "d3", "d2", "s1", null, OwnerAndOrganiser),

            new("POST", $"{e}/requests", $"{E}/requests", "s1", "s2", "d2", new { startupId = "s1", delegateId = "d2" }, Expect(Unauthorized, Forbidden, Forbidden, Created, Forbidden, Forbidden)),
            new("POST", $"{e}/requests/{{requestId}}/accept", $"{E}/requests/s2.d2/accept", "d2", "d1", "s2", null, Expect(Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Forbidden)),
            new("POST", $"{e}/requests/{{requestId}}/decline", $"{E}/requests/s2.d1/decline", "d1", "d2", "s2", null, Expect(Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Forbidden)),
            new("POST", $"{e}/requests/{{requestId}}/cancel", $"{E}/requests/s1.d3/cancel", "s1", "s2", "d3", null, Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Ok)),
            new("GET", $"{e}/startups/{{id}}/requests", $"{E}/startups/s1/requests", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("GET", $"{e}/delegates/{{id}}/requests", $"{E}/delegates/d1/requests", "d1", "d2", "s1", null, OwnerAndOrganiser),

            new("GET", $"{e}/startups/{{id}}/agenda", $"{E}/startups/s1/agenda", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("GET", $"{e}/startups/{{id}}/agenda.ics", $"{E}/startups/s1/agenda.ics", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("GET", $"{e}/delegates/{{id}}/agenda", $"{E}/delegates/d1/agenda", "d1", "d2", "s1", null, OwnerAndOrganiser),
            new("GET", $"{e}/delegates/{{id}}/agenda.ics", $"{E}/delegates/d1/agenda.ics", "d1", "d2", "s1", null, OwnerAndOrganiser),
            new("GET", $"{e}/startups/{{id}}/matches", $"{E}/startups/s1/matches", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("GET", $"{e}/delegates/{{id}}/matches", $"{E}/delegates/d1/matches", "d1", "d2", "s1", null, OwnerAndOrganiser),
            new("POST", $"{e}/meetings/{{meetingId}}/feedback", $"{E}/meetings/s1.d1/feedback", "s1", "s2", "d1", new { rating = 4 }, Expect(Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok)),

            new("GET", $"{e}/schedule", $"{E}/schedule", "s1", "s2", "d1", null, OrganiserOnly),
            new("GET", $"{e}/schedule.csv", $"{E}/schedule.csv", "s1", "s2", "d1", null, OrganiserOnly),
            new("POST", $"{e}/batch", $"{E}/batch", "s1", "s2", "d1", null, Expect(Unauthorized, Forbidden, Accepted, Forbidden, Forbidden, Forbidden)),
            new("GET", $"{e}/batch", $"{E}/batch", "s1", "s2", "d1", null, OrganiserOnly),
            new("GET", $"{e}/batch/{{runId:int}}", $"{E}/batch/1", "s1", "s2", "d1", null, OrganiserOnly),

            new("GET", $"{e}/startups/{{id}}/export", $"{E}/startups/s1/export", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("GET", $"{e}/delegates/{{id}}/export", $"{E}/delegates/d1/export", "d1", "d2", "s1", null, OwnerAndOrganiser),
            // The participant deletes itself before the organiser's turn, so the organiser finds it gone (PrivacyTests has the organiser delete one).
            new("DELETE", $"{e}/startups/{{id}}", $"{E}/startups/s6", "s6", "s2", "d1", null, Expect(Unauthorized, Forbidden, NotFound, NoContent, Forbidden, Forbidden)),
            new("DELETE", $"{e}/delegates/{{id}}", $"{E}/delegates/d6", "d6", "d2", "s1", null, Expect(Unauthorized, Forbidden, NotFound, NoContent, Forbidden, Forbidden)),
            new("GET", $"{e}/export", $"{E}/export", "s1", "s2", "d1", null, OrganiserOnly),
            new("POST", $"{e}/meetings/{{meetingId}}/check-in", $"{E}/meetings/s1.d1/check-in", "s1", "s2", "d1", new { side = "startup" }, Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Forbidden)),
            // After the check-in row: s1 came, d1 did not. s1 reports d1; d1 may not report itself; the organiser's same report changes nothing.
            new("POST", $"{e}/meetings/{{meetingId}}/no-show", $"{E}/meetings/s1.d1/no-show", "s1", "s2", "d1", new { absent = "delegate" }, Expect(Unauthorized, Forbidden, Ok, Ok, Forbidden, Forbidden)),
            new("GET", $"{e}/startups/{{id}}/offers", $"{E}/startups/s1/offers", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("POST", $"{e}/offers/{{offerId}}/accept", $"{E}/offers/no-such-offer/accept", "s1", "s2", "d1", null, Expect(Unauthorized, Forbidden, Forbidden, NotFound, NotFound, Forbidden)),
            new("GET", $"{e}/day", $"{E}/day?date=2024-03-04", "s1", "s2", "d1", null, OrganiserOnly),
            new("GET", $"{e}/startups/{{id}}/notices", $"{E}/startups/s1/notices", "s1", "s2", "d1", null, OwnerAndOrganiser),
            new("GET", $"{e}/delegates/{{id}}/notices", $"{E}/delegates/d1/notices", "d1", "d2", "s1", null, OwnerAndOrganiser),
            // Read marks are the participant's own: the organiser may read the inbox, not tidy it.
            new("POST", $"{e}/startups/{{id}}/notices/read", $"{E}/startups/s1/notices/read", "s1", "s2", "d1", new { }, Expect(Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Forbidden)),
            new("POST", $"{e}/delegates/{{id}}/notices/read", $"{E}/delegates/d1/notices/read", "d1", "d2", "s1", new { ids = new[] { "x" } }, Expect(Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Forbidden)),

            // The Orleans dashboard: its sign-in form is open; every route of its own group is for the instance admin alone.
            new("GET", "/dashboard/signin", "/dashboard/signin", "s1", "s2", "d1", null, Everyone),
            new("POST", "/dashboard/signin", "/dashboard/signin", "s1", "s2", "d1", null, Expect(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized)),
            .. DashboardRows(),
            // Last: the organiser deletes the event.
            new("DELETE", e, E, "s1", "s2", "d1", null, Expect(Unauthorized, Forbidden, NoContent, Forbidden, Forbidden, Forbidden)),
        ];
    }

    /// <summary>The dashboard package maps a route group of its own, under the instance-admin policy as a whole: a row for each of its routes.</summary>
    private IEnumerable<Row> DashboardRows() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } pattern && pattern.StartsWith("/dashboard") && !pattern.StartsWith("/dashboard/signin"))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
                new Row(method, Normalised(endpoint.RoutePattern.RawText), System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!, @"\{[^}]*\}", "1"),
                    "s1", "s2", "d1", null, InstanceAdminOnly)));

    public async ValueTask InitializeAsync()
    {
        // Meetings in the past, so feedback is open; s1 and d1 have an accepted request, so the batch places their meeting.
        _host = await EventHost.StartAsync(storage);
        await _host.Client.PutJsonAsync(_host.Url(""), Samples.Event() with { Days = [new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 5)] });
        await _host.AddStartupsAsync("s1", "s2", "s3", "s4", "s5", "s6");
        await _host.AddDelegatesAsync("d1", "d2", "d3", "d4", "d5", "d6");
        foreach (var (startup, person) in new[] { ("s1", "d1"), ("s2", "d2"), ("s2", "d1"), ("s1", "d3") })
            (await _host.As(startup).PostAsync(_host.Url("/requests"), Json(new { startupId = startup, delegateId = person }))).EnsureSuccessStatusCode();
        (await _host.As("d1").PostAsync(_host.Url("/requests/s1.d1/accept"), null)).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(_host.Client, _host.EventId))["status"]);
        var (_, otherKey) = await EventHost.CreateEventAsync(_host.Factory, Samples.Event());
        _otherOrganiser = _host.Factory.CreateClient(otherKey);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Every_endpoint_of_the_app_has_a_row()
    {
        // Web pages (HTML for people, and /docs) redirect instead of answering a status; the browser tests cover who sees which.
        var routes = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<Matchmaker.Api.Web.WebPageMetadata>() is null)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} {Normalised(endpoint.RoutePattern.RawText)}"))
            .ToHashSet();
        var rows = Rows().Select(r => $"{r.Method} {r.Pattern}").ToHashSet();

        Assert.Empty(routes.Except(rows));
        Assert.Empty(rows.Except(routes));
    }

    [Fact]
    public async Task Every_caller_gets_the_status_the_table_gives()
    {
        var mismatches = new List<string>();
        foreach (var row in Rows())
            // The organiser goes last: its calls change state (a new key, a revoked token) the others must not see yet.
            foreach (var caller in Enum.GetValues<Caller>().OrderBy(c => c == Caller.Organiser))
            {
                var response = await ClientOf(caller, row).SendAsync(RequestOf(row));
                var expected = row.Expected[(int)caller];
                if (response.StatusCode != expected)
                    mismatches.Add($"{row.Method} {row.Path} as {caller}: {(int)response.StatusCode}, expected {(int)expected} {await response.Content.ReadAsStringAsync()}");
                if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentLength != 0)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                if (row.Pattern.EndsWith("/organiser-key") && response.IsSuccessStatusCode)
                    _host.UseOrganiserKey((string)(await response.ReadJsonAsync())["key"]!);
            }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>A group's own route ("" under "/api/events/{eventId}") comes out with a trailing slash.</summary>
    private static string Normalised(string? pattern) => pattern is { Length: > 1 } ? pattern.TrimEnd('/') : pattern ?? "";

    private HttpClient ClientOf(Caller caller, Row row) => caller switch
    {
        Caller.Anonymous => _host.Anonymous,
        Caller.OtherOrganiser => _otherOrganiser,
        Caller.Organiser => _host.Client,
        Caller.Participant => _host.As(row.Subject),
        Caller.SameSide => _host.As(row.SameSide),
        _ => _host.As(row.Counterpart),
    };

    private static HttpRequestMessage RequestOf(Row row) => new(new HttpMethod(row.Method), row.Path)
    {
        Content = row.Csv is not null ? new StringContent(row.Csv, Encoding.UTF8, "text/csv") : row.Body is null ? null : Json(row.Body),
    };

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, HttpJson.Options), Encoding.UTF8, "application/json");
}
