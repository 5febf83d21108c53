using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Import;

public static class ImportApi
{
    /// <summary>Large enough for thousands of participants, small enough to read into memory safely.</summary>
    public const int MaxCsvBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapEventGroup("Participants").MapPost("/import", ImportAsync)
            .WithName("ImportParticipants")
            .WithSummary("Import startups and delegates from a CSV body (organiser; format in the README). A file with bad rows is rejected whole; the answer carries the new participants' tokens, once.")
            .WithMetadata(new BodyLimit(MaxCsvBytes))
            .Accepts<string>("text/csv");
        return routes;
    }

    public static async Task<Ok<ImportResult>> ImportAsync(string eventId, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel)
    {
        // The body-limit middleware stops a larger body, chunked or not, with 413 while this reads it.
        using var reader = new StreamReader(request.Body);
        var csv = await reader.ReadToEndAsync(cancel);
        var result = await mediator.Send(new ImportParticipants(user.RequireActor(), eventId, csv), cancel);
        return TypedResults.Ok(result with
        {
            NewParticipants = result.NewParticipants.Select(p => p with { SignInLink = SignInApi.LinkFor(request, p.Token) }).ToList(),
        });
    }
}
