using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Identity;

public static class EventRoutes
{
    /// <summary>
    /// The route group every event endpoint hangs off: a credential of that event is required, and the errors
    /// every such endpoint can answer are declared for the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapEventGroup(this IEndpointRouteBuilder routes, string tag, string prefix = "") =>
        routes.MapGroup("/api/events/{eventId}" + prefix)
            .RequireAuthorization(EventScopeRequirement.Policy)
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
