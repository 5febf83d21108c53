using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Batch;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Import;
using Matchmaker.Api.Features.Live;
using Matchmaker.Api.Features.Matches;
using Matchmaker.Api.Features.Meetings;
using Matchmaker.Api.Features.Notices;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Features.Privacy;
using Matchmaker.Api.Features.Requests;
using Matchmaker.Api.Features.Schedule;
using Matchmaker.Api.Health;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api;

/// <summary>The HTTP surface as a library: the host adds the services and maps the endpoints.</summary>
public static class MatchmakerApi
{
    public const string CorsPolicy = "configured-origins";

    /// <summary>Adds everything the endpoints need except Mediator, which the host generates.</summary>
    public static IServiceCollection AddMatchmakerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Without this the middleware takes a 404 from the handler for "no handler" and rethrows: a 500 for an unknown id.
        services.Configure<ExceptionHandlerOptions>(options => options.AllowStatusCode404Response = true);
        services.AddOpenApi();
        // Binding failures (malformed JSON, a non-numeric query) reach the exception handler, which names them.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            json.SerializerOptions.AllowTrailingCommas = false;
            // A misspelt field ("availabilty") is an error naming it, not a silent default.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.MaxDepth = 16;
        });

        services.Configure<MatchmakerIdentityOptions>(configuration.GetSection(MatchmakerIdentityOptions.Section));
        services.AddSingleton<FailedCredentialLimiter>();
        // Filled by this node's match grains when the API runs in a silo; a client of a cluster elsewhere finds it empty and calls the grains.
        services.TryAddSingleton<Model.Grains.LocalMatchLists>();
        services.AddAuthentication(CredentialAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CredentialAuthenticationHandler>(CredentialAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, EventScopeRequirement>();
        services.AddAuthorizationBuilder()
            // Anything not marked otherwise needs a credential: a new endpoint is closed until someone opens it.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(EventScopeRequirement.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new EventScopeRequirement()))
            .AddInstanceAdminPolicy();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancel) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = "Slow down: try again in a minute." },
                });
            };
            limiter.AddPolicy(SignInApi.RateLimitPolicy, http => PerMinute(http, FailedCredentialLimiter.AddressOf(http), o => o.SignInsPerMinute));
        });

        // Closed unless origins are configured: the web app is served from the same origin and needs none.
        var origins = configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (origins.Length > 0) policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "PUT", "POST", "DELETE");
        }));

        services.AddSingleton<NoticeComposer>();
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<RequestSendingLimiter>();
        services.AddSingleton<Model.Notices.INoticeMailer, NoticeMailer>();

        services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [HealthApi.ReadyTag]);
        services.AddMatchmakerWeb();
        return services;
    }

    private static RateLimitPartition<string> PerMinute(HttpContext http, string partition, Func<MatchmakerIdentityOptions, int> limit) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit(http.RequestServices.GetRequiredService<IOptions<MatchmakerIdentityOptions>>().Value),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    public static WebApplication UseMatchmakerApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMatchmakerWebAssets();
        app.UseRouting();
        app.UseCors(CorsPolicy);
        app.UseMiddleware<BodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthApi();
        app.MapSignInApi();
        app.MapEventsApi();
        app.MapParticipantsApi();
        app.MapImportApi();
        app.MapRequestsApi();
        app.MapAgendasApi();
        app.MapMeetingsApi();
        app.MapScheduleApi();
        app.MapMatchesApi();
        app.MapBatchApi();
        app.MapPrivacyApi();
        app.MapLiveApi();
        app.MapNoticesApi();
        app.MapMatchmakerWeb();
        return app;
    }
}
