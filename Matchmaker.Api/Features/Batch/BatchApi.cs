using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Batch;

public static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Batch", "/batch");
        group.MapPost("", async (string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
            {
                var run = await mediator.Send(new RunBatch(user.RequireActor(), eventId), cancel);
                return TypedResults.Accepted($"/api/events/{eventId}/batch/{run.RunId}", run);
            })
            .WithName("RunBatch").WithSummary("Run the pairing batch now (organiser); returns the running run if one is going.");
        group.MapGet("/{runId:int}", async (string eventId, int runId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new GetBatchRun(user.RequireActor(), eventId, runId), cancel)))
            .WithName("GetBatchRun").WithSummary("A batch run: status, phase, progress, and once done the quality report.");
        group.MapGet("", async (string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                TypedResults.Ok(await mediator.Send(new ListBatchRuns(user.RequireActor(), eventId), cancel)))
            .WithName("ListBatchRuns").WithSummary("Recent batch runs, newest first.");
        return routes;
    }
}
