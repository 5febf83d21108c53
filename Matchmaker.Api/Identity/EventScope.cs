using Matchmaker.Model.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Identity;

/// <summary>
/// Everything under <c>/api/events/{eventId}</c> needs a credential of that event (or the instance admin's, whose
/// few rights the rules decide): one event's credentials are worthless at another.
/// </summary>
public sealed class EventScopeRequirement : AuthorizationHandler<EventScopeRequirement>, IAuthorizationRequirement
{
    public const string Policy = "event-scope";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EventScopeRequirement requirement)
    {
        var actor = context.User.ToActor();
        var eventId = (context.Resource as HttpContext)?.GetRouteValue("eventId") as string;
        if (actor is not null && (actor.Role == ActorRole.Admin || (eventId is not null && actor.EventId == eventId)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
