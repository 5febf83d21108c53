using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Matchmaker.Api.Features.Agendas;

public static class AgendasApi
{
    public static IEndpointRouteBuilder MapAgendasApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Agendas");
        foreach (var (kind, path) in new[] { (ParticipantKind.Startup, "startups"), (ParticipantKind.Delegate, "delegates") })
        {
            group.MapGet($"/{path}/{{id}}/agenda", (string eventId, string id, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                    AgendaAsync(new GetAgenda(user.RequireActor(), eventId, kind, id), WantsCalendar(request), mediator, cancel))
                .WithName($"{kind}Agenda").WithSummary("The participant's meetings in the published schedule (JSON, or iCalendar with Accept: text/calendar).");
            group.MapGet($"/{path}/{{id}}/agenda.ics", (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                    AgendaAsync(new GetAgenda(user.RequireActor(), eventId, kind, id), calendar: true, mediator, cancel))
                .WithName($"{kind}AgendaCalendar").WithSummary("The participant's agenda as an iCalendar file; a calendar app subscribes with ?feed= (see calendar-feed).");
        }
        return routes;
    }

    public static async Task<Results<Ok<AgendaView>, ContentHttpResult>> AgendaAsync(GetAgenda query, bool calendar, IMediator mediator, CancellationToken cancel)
    {
        var agenda = await mediator.Send(query, cancel);
        return calendar
            ? TypedResults.Text(AgendaCalendar.Write(agenda), AgendaCalendar.MediaType + "; charset=utf-8")
            : TypedResults.Ok(agenda);
    }

    private static bool WantsCalendar(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(AgendaCalendar.MediaType, StringComparison.OrdinalIgnoreCase));
}
