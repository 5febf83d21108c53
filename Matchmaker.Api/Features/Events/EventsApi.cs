using System.Security.Claims;
using Matchmaker.Api.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Matchmaker.Model.Domain;

namespace Matchmaker.Api.Features.Events;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Events");
        group.MapPut("", ConfigureAsync).WithName("ConfigureEvent")
            .WithSummary("Create an event week (instance admin; the answer carries the organiser key, once) or change it (organiser).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("", GetAsync).WithName("GetEvent").WithSummary("An event's configuration and its meeting slots.");
        group.MapPost("/organiser-key", ReplaceKeyAsync).WithName("ReplaceOrganiserKey")
            .WithSummary("Replace the organiser key (organiser, or the instance admin when it was lost); the answer carries the new key, once.");
        return routes;
    }

    public static async Task<Results<Created<EventView>, Ok<EventView>>> ConfigureAsync(
        string eventId, EventConfig? config, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel)
    {
        var result = await mediator.Send(new ConfigureEvent(user.RequireActor(), eventId, config), cancel);
        return result.Created
            ? TypedResults.Created($"/api/events/{eventId}", result.Event)
            : TypedResults.Ok(result.Event);
    }

    public static async Task<Ok<EventView>> GetAsync(string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(new GetEvent(user.RequireActor(), eventId), cancel));

    public static async Task<Ok<OrganiserKey>> ReplaceKeyAsync(string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(new ReplaceOrganiserKey(user.RequireActor(), eventId), cancel));
}
