using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Participants;

public static class ParticipantsApi
{
    public static IEndpointRouteBuilder MapParticipantsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events/{eventId}").WithTags("Participants");
        group.MapPut("/startups/{id}", SaveStartupAsync).WithName("SaveStartup").WithSummary("Register or update a startup's profile and availability.");
        group.MapGet("/startups/{id}", GetStartupAsync).WithName("GetStartup").WithSummary("A startup's profile and availability.");
        group.MapGet("/startups", ListStartupsAsync).WithName("ListStartups").WithSummary("A page of the event's startups, ordered by id.");
        group.MapPut("/delegates/{id}", SaveDelegateAsync).WithName("SaveDelegate").WithSummary("Register or update a delegate's profile and availability.");
        group.MapGet("/delegates/{id}", GetDelegateAsync).WithName("GetDelegate").WithSummary("A delegate's profile and availability.");
        group.MapGet("/delegates", ListDelegatesAsync).WithName("ListDelegates").WithSummary("A page of the event's delegates, ordered by id.");
        return routes;
    }

    public static async Task<Ok<StartupDocument>> SaveStartupAsync(
        string eventId, string id, ParticipantBody<StartupProfile>? body, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(new SaveStartup(eventId, id, body), cancel));

    public static async Task<Ok<StartupDocument>> GetStartupAsync(string eventId, string id, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(new GetStartup(eventId, id), cancel));

    public static async Task<Ok<DelegateDocument>> SaveDelegateAsync(
        string eventId, string id, ParticipantBody<DelegateProfile>? body, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(new SaveDelegate(eventId, id, body), cancel));

    public static async Task<Ok<DelegateDocument>> GetDelegateAsync(string eventId, string id, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(new GetDelegate(eventId, id), cancel));

    public static async Task<Ok<Page<object>>> ListStartupsAsync(
        string eventId, IMediator mediator, CancellationToken cancel, int offset = 0, int limit = 50) =>
        TypedResults.Ok(await mediator.Send(new ListParticipants(eventId, ParticipantKind.Startup, offset, limit), cancel));

    public static async Task<Ok<Page<object>>> ListDelegatesAsync(
        string eventId, IMediator mediator, CancellationToken cancel, int offset = 0, int limit = 50) =>
        TypedResults.Ok(await mediator.Send(new ListParticipants(eventId, ParticipantKind.Delegate, offset, limit), cancel));
}
