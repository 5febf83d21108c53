using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Notices;

/// <summary>The optional body of "mark read": the notice ids, or none for all.</summary>
public sealed record MarkReadBody(IReadOnlyList<string>? Ids = null);

public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Notices");
        foreach (var (segment, kind) in new[] { ("startups", ParticipantKind.Startup), ("delegates", ParticipantKind.Delegate) })
        {
            var name = kind == ParticipantKind.Startup ? "Startup" : "Delegate";
            group.MapGet($"/{segment}/{{id}}/notices", async (string eventId, string id, int? limit, string? language, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                    TypedResults.Ok(await mediator.Send(new ListNotices(user.RequireActor(), eventId, kind, id, limit ?? ListNotices.DefaultLimit, language), cancel)))
                .WithName($"{name}Notices").WithSummary("The participant's notices, newest first, in its language (or ?language=en|ko), with where each email stands.");
            group.MapPost($"/{segment}/{{id}}/notices/read", async (string eventId, string id, MarkReadBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                    TypedResults.Ok(await mediator.Send(new MarkNoticesRead(user.RequireActor(), eventId, kind, id, body?.Ids), cancel)))
                .WithName($"{name}NoticesRead").WithSummary("Mark the named notices read, or all of them when no ids are given.");
        }
        return routes;
    }
}
