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
        routes.MapPost("/api/events/{eventId}/import", ImportAsync)
            .WithTags("Participants")
            .WithName("ImportParticipants")
            .WithSummary("Import startups and delegates from a CSV body (format in the README); a file with bad rows is rejected whole.")
            .Accepts<string>("text/csv");
        return routes;
    }

    public static async Task<Ok<ImportResult>> ImportAsync(string eventId, HttpRequest request, IMediator mediator, CancellationToken cancel)
    {
        if (request.ContentLength > MaxCsvBytes)
            throw new BadHttpRequestException($"The CSV is larger than {MaxCsvBytes / 1024 / 1024} MB; split it.", StatusCodes.Status413PayloadTooLarge);
        using var reader = new StreamReader(request.Body);
        var csv = await reader.ReadToEndAsync(cancel);
        return TypedResults.Ok(await mediator.Send(new ImportParticipants(eventId, csv), cancel));
    }
}
