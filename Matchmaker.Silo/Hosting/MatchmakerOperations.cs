using Matchmaker.Api.Identity;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// What operators watch: OpenTelemetry metrics (ASP.NET Core, Kestrel, Orleans) served for Prometheus at
/// <c>/metrics</c> to the instance admin only, and traces (HTTP requests and the grain calls under them) exported over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>OpenTelemetry:OtlpEndpoint</c>) names a collector.
/// </summary>
public static class MatchmakerOperations
{
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' meter and activity sources (see Orleans' <c>ActivitySources</c>).</summary>
    private const string OrleansMeter = "Microsoft.Orleans";
    private static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static WebApplicationBuilder AddMatchmakerOperations(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration["OpenTelemetry:OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("matchmaker", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(OrleansMeter)
                .AddPrometheusExporter());
        // Traces only where something collects them: without a listener no activity is even created.
        if (!string.IsNullOrWhiteSpace(otlp))
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource(OrleansActivitySources)
                .AddOtlpExporter(exporter => exporter.Endpoint = new Uri(otlp)));
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint and the Orleans dashboard, for the instance admin key only (a scraper sends it as a bearer token).</summary>
    public static WebApplication MapMatchmakerOperations(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(InstanceAdmin.Policy)
            .WithTags("Operations").WithName("Metrics");
        app.MapOperatorDashboard();
        return app;
    }
}
