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
        var group = routes.MapGroup("/api/events/{eventId}").WithTags("Events");
        group.MapPut("", ConfigureAsync).WithName("ConfigureEvent").WithSummary("Create or change an event week (organiser).");
        group.MapGet("", GetAsync).WithName("GetEvent").WithSummary("An event's configuration and its meeting slots.");
        return routes;
    }

    public static async Task<Results<Created<EventView>, Ok<EventView>>> ConfigureAsync(
        string eventId, EventConfig? config, IMediator mediator, CancellationToken cancel)
    {
        var result = await mediator.Send(new ConfigureEvent(eventId, config), cancel);
        return result.Created
            ? TypedResults.Created($"/api/events/{eventId}", result.Event)
            : TypedResults.Ok(result.Event);
    }

    public static async Task<Ok<EventView>> GetAsync(string eventId, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(new GetEvent(eventId), cancel));
}
