using System.Security.Claims;
using Matchmaker.Api.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Schedule;

public static class ScheduleApi
{
    public static IEndpointRouteBuilder MapScheduleApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Schedule");
        group.MapGet("/schedule", async (string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new GetSchedule(user.RequireActor(), eventId), cancel)))
            .WithName("GetSchedule").WithSummary("The published schedule (organiser): every meeting by slot and table, the quality report and the changes from the previous version.");
        group.MapGet("/schedule.csv", CsvAsync)
            .WithName("GetScheduleCsv").WithSummary("The published schedule as CSV, for printing table cards.");
        return routes;
    }

    public static async Task<ContentHttpResult> CsvAsync(string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
        TypedResults.Text(ScheduleCsv.Write(await mediator.Send(new GetSchedule(user.RequireActor(), eventId), cancel)), ScheduleCsv.MediaType + "; charset=utf-8");
}
