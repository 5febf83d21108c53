using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Live;

/// <summary>The optional body of a check-in: which side arrived (the organiser names it; a party is itself).</summary>
public sealed record CheckInBody(RequestSide? Side = null);

/// <summary>The optional body of a no-show report: which side did not come (the organiser names it; a party reports the other).</summary>
public sealed record NoShowBody(RequestSide? Absent = null);

public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Live").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/meetings/{meetingId}/check-in", async (string eventId, string meetingId, CheckInBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new CheckInToMeeting(user.RequireActor(), eventId, meetingId, body?.Side), cancel)))
            .WithName("CheckIn").WithSummary("Mark arrival at a meeting: a party for itself, the organiser for a named side.");
        group.MapPost("/meetings/{meetingId}/no-show", async (string eventId, string meetingId, NoShowBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new ReportNoShow(user.RequireActor(), eventId, meetingId, body?.Absent), cancel)))
            .WithName("NoShow").WithSummary("Report that a party did not come, from 5 minutes into the meeting: a party reports the other, the organiser names the side.");
        group.MapGet("/startups/{id}/offers", async (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new ListOffers(user.RequireActor(), eventId, id), cancel)))
            .WithName("StartupOffers").WithSummary("Freed slots offered to a standby startup (open ones, and the one it took).");
        group.MapPost("/offers/{offerId}/accept", async (string eventId, string offerId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new AcceptOffer(user.RequireActor(), eventId, offerId), cancel)))
            .WithName("AcceptOffer").WithSummary("Take a freed slot: the first candidate to accept gets it, on both agendas.");
        group.MapGet("/day", async (string eventId, DateOnly? date, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new GetDayView(user.RequireActor(), eventId, date), cancel)))
            .WithName("DayView").WithSummary("The organiser's live view of a day: meetings and empty tables per slot, check-ins, offers.");
        return routes;
    }
}
