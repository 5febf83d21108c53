using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Matches;

public static class MatchesApi
{
    public static IEndpointRouteBuilder MapMatchesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Matches");
        group.MapGet("/delegates/{id}/matches", (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel,
                    int limit = 20, string? sector = null, string? stage = null, string? country = null) =>
                MatchesAsync(new GetMatches(user.RequireActor(), eventId, ParticipantKind.Delegate, id, limit, sector, stage, country), mediator, cancel))
            .WithName("DelegateMatches").WithSummary("Startups ranked for a delegate, with the reasons; filter by sector, stage, country.");
        group.MapGet("/startups/{id}/matches", (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel,
                    int limit = 20, string? sector = null, string? country = null) =>
                MatchesAsync(new GetMatches(user.RequireActor(), eventId, ParticipantKind.Startup, id, limit, sector, null, country), mediator, cancel))
            .WithName("StartupMatches").WithSummary("Delegates ranked for a startup, with the reasons; filter by sector, country.");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<Match>>> MatchesAsync(GetMatches query, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(query, cancel));
}
