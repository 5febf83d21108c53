using System.Security.Claims;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Privacy;

public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Privacy");
        foreach (var (kind, path) in ParticipantPaths.All)
        {
            group.MapGet($"/{path}/{{id}}/export", async (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                    TypedResults.Ok(await mediator.Send(new ExportParticipant(user.RequireActor(), eventId, kind, id), cancel)))
                .WithName($"Export{kind}").WithSummary("Everything held about the participant (itself, or the organiser): profile, requests, agenda, feedback.");
            group.MapDelete($"/{path}/{{id}}", async (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                {
                    await mediator.Send(new DeleteParticipant(user.RequireActor(), eventId, kind, id), cancel);
                    return TypedResults.NoContent();
                })
                .WithName($"Delete{kind}").WithSummary("Delete the participant and its data (itself, or the organiser): open requests cancelled, its feedback anonymised, its links revoked.");
        }
        group.MapGet("/export", async (string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new ExportEvent(user.RequireActor(), eventId), cancel)))
            .WithName("ExportEvent").WithSummary("Everything the event holds (organiser).");
        group.MapDelete("", async (string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
            {
                await mediator.Send(new DeleteEvent(user.RequireActor(), eventId), cancel);
                return TypedResults.NoContent();
            })
            .WithName("DeleteEvent").WithSummary("Delete the event with all its participants, schedules and credentials (organiser).");
        return routes;
    }
}
