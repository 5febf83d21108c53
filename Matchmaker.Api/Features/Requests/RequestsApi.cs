using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Requests;

/// <summary>The body of a new request.</summary>
public sealed record NewRequestBody(string? StartupId, string? DelegateId, RequestSide From = RequestSide.Startup, string? Message = null);

/// <summary>The optional body of a decline or cancel.</summary>
public sealed record AnswerBody(string? Reason);

public static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Requests").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/requests", SendAsync).WithName("SendRequest")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("A startup requests a meeting (from: startup) or a delegate invites a startup (from: delegate), as itself. Safe to retry with an Idempotency-Key header.");
        group.MapPost("/requests/{requestId}/accept", (string eventId, string requestId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                AnswerAsync(new RespondToRequest(user.RequireActor(), eventId, requestId, RequestAction.Accept, null), mediator, cancel))
            .WithName("AcceptRequest").WithSummary("The recipient accepts: a confirmed meeting the next batch places.");
        group.MapPost("/requests/{requestId}/decline", (string eventId, string requestId, [FromBody] AnswerBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                AnswerAsync(new RespondToRequest(user.RequireActor(), eventId, requestId, RequestAction.Decline, body?.Reason), mediator, cancel))
            .WithName("DeclineRequest").WithSummary("The recipient declines; the pair cannot be requested again.");
        group.MapPost("/requests/{requestId}/cancel", (string eventId, string requestId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                AnswerAsync(new RespondToRequest(user.RequireActor(), eventId, requestId, RequestAction.Cancel, null), mediator, cancel))
            .WithName("CancelRequest").WithSummary("Either party (or the organiser) cancels a pending or accepted request.");
        group.MapGet("/startups/{id}/requests", (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
            ListAsync(new ListRequests(user.RequireActor(), eventId, ParticipantKind.Startup, id), mediator, cancel)).WithName("StartupRequests")
            .WithSummary("The requests a startup sent and received (the startup, the organiser).");
        group.MapGet("/delegates/{id}/requests", (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
            ListAsync(new ListRequests(user.RequireActor(), eventId, ParticipantKind.Delegate, id), mediator, cancel)).WithName("DelegateRequests")
            .WithSummary("The requests a delegate sent and received (the delegate, the organiser).");
        return routes;
    }

    public static async Task<Results<Created<MeetingRequest>, Ok<MeetingRequest>>> SendAsync(
        string eventId, NewRequestBody? body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel)
    {
        var outcome = await mediator.Send(new SendRequest(user.RequireActor(), eventId, body?.StartupId, body?.DelegateId, body?.From ?? RequestSide.Startup, body?.Message, idempotencyKey), cancel);
        return outcome.Created
            ? TypedResults.Created($"/api/events/{eventId}/requests/{outcome.Request!.Id}", outcome.Request)
            : TypedResults.Ok(outcome.Request!);
    }

    public static async Task<Ok<MeetingRequest>> AnswerAsync(RespondToRequest command, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(command, cancel));

    public static async Task<Ok<IReadOnlyList<MeetingRequest>>> ListAsync(ListRequests query, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Ok(await mediator.Send(query, cancel));
}
