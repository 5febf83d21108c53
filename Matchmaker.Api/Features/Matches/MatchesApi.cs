using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
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
    /// <summary>
    /// Each list as JSON, written once: the event's matches grain hands every reader of a list the same object until the
    /// next change moves it (in process, an immutable list crosses the grain call by reference), so the bytes are kept
    /// with that object and go when it does. A list from another node is a new object and is simply serialized.
    /// </summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<Match>, byte[]> Serialized = new();

    public static IEndpointRouteBuilder MapMatchesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Matches");
        group.MapGet("/delegates/{id}/matches", (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel,
                    int limit = 20, string? sector = null, string? stage = null, string? country = null) =>
                MatchesAsync(new GetMatches(user.RequireActor(), eventId, ParticipantKind.Delegate, id, limit, sector, stage, country), mediator, cancel))
            .Produces<IReadOnlyList<Match>>()
            .WithName("DelegateMatches").WithSummary("Startups ranked for a delegate, with the reasons; filter by sector, stage, country.");
        group.MapGet("/startups/{id}/matches", (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel,
                    int limit = 20, string? sector = null, string? country = null) =>
                MatchesAsync(new GetMatches(user.RequireActor(), eventId, ParticipantKind.Startup, id, limit, sector, null, country), mediator, cancel))
            .Produces<IReadOnlyList<Match>>()
            .WithName("StartupMatches").WithSummary("Delegates ranked for a startup, with the reasons; filter by sector, country.");
        return routes;
    }

    public static async Task<FileContentHttpResult> MatchesAsync(GetMatches query, IMediator mediator, CancellationToken cancel)
    {
        var list = await mediator.Send(query, cancel);
        var json = Serialized.GetValue(list, items => JsonSerializer.SerializeToUtf8Bytes(items, MatchJson.Default.IReadOnlyListMatch));
        return TypedResults.Bytes(json, "application/json; charset=utf-8");
    }
}

/// <summary>
/// Match lists written by generated code, not reflection: after each rebuild most lists are serialized afresh. The
/// same shape as the API's other JSON (web defaults: camelCase names, nulls written).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<Match>))]
internal sealed partial class MatchJson : JsonSerializerContext;
