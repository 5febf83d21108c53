using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Meetings;

/// <summary>The body of feedback on a meeting.</summary>
public sealed record FeedbackBody(RequestSide? By = null, int? Rating = null, bool FollowUp = false, bool NoShow = false, string? Comment = null);

public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapEventGroup("Meetings").MapPost("/meetings/{meetingId}/feedback", FeedbackAsync)
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("MeetingFeedback")
            .WithSummary("Rate a meeting (1-5), ask for a follow-up, or report a no-show; the nightly retraining learns from it.");
        return routes;
    }

    public static async Task<Ok<MeetingFeedback>> FeedbackAsync(string eventId, string meetingId, FeedbackBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel)
    {
        body ??= new FeedbackBody();
        var command = new GiveFeedback(user.RequireActor(), eventId, meetingId, body.By, body.Rating, body.FollowUp, body.NoShow, body.Comment);
        return TypedResults.Ok(await mediator.Send(command, cancel));
    }
}
