using System.Text.Json.Serialization;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Batch;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Import;
using Matchmaker.Api.Features.Matches;
using Matchmaker.Api.Features.Meetings;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Features.Requests;
using Matchmaker.Api.Features.Schedule;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Api;

/// <summary>The HTTP surface as a library: the host adds the services and maps the endpoints.</summary>
public static class MatchmakerApi
{
    /// <summary>Adds everything the endpoints need except Mediator, which the host generates.</summary>
    public static IServiceCollection AddMatchmakerApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        // Binding failures (malformed JSON, a non-numeric query) reach the exception handler, which names them.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
            json.SerializerOptions.AllowTrailingCommas = false;
        });
        return services;
    }

    public static WebApplication UseMatchmakerApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapGet("/health", () => TypedResults.Ok(new Health("ok"))).WithTags("Service").WithName("Health");
        app.MapEventsApi();
        app.MapParticipantsApi();
        app.MapImportApi();
        app.MapRequestsApi();
        app.MapAgendasApi();
        app.MapMeetingsApi();
        app.MapScheduleApi();
        app.MapMatchesApi();
        app.MapBatchApi();
        return app;
    }
}

public sealed record Health(string Status);
