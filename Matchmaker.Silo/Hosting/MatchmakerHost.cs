using System.Net;
using Matchmaker.Api;
using Matchmaker.Api.Pipeline;
using Matchmaker.Silo.Demo;
using Orleans.Configuration;

namespace Matchmaker.Silo.Hosting;

/// <summary>Builds the one process that serves HTTP and hosts the silo (Orleans co-hosting).</summary>
public static class MatchmakerHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="services">Registrations after the host's own, for harnesses that replace one (a simulated clock as the <see cref="TimeProvider"/>).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        QuietFrameworkLogs(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);

        // Before Orleans: development storage must answer before the silo opens its storage.
        builder.Services.AddHostedService<DevelopmentStorage>();
        builder.Services.AddHostedService<DevelopmentMail>();
        builder.UseOrleans(silo =>
        {
            silo.UseMatchmakerClustering(builder.Configuration);
            // Read from the final configuration, so tests and deployments can set ports and storage late.
            silo.Services.AddOptions<EndpointOptions>().Configure<IConfiguration>((endpoints, config) =>
            {
                endpoints.SiloPort = config.GetValue("Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
                endpoints.GatewayPort = config.GetValue("Orleans:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
            });
            silo.Services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IConfiguration>((membership, config) =>
                membership.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, config.GetValue("Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT)));
            silo.Services.AddOptions<ClusterOptions>().Configure<IConfiguration>((cluster, config) =>
            {
                cluster.ServiceId = "matchmaker";
                cluster.ClusterId = config["Orleans:ClusterId"] ?? "matchmaker-local";
            });
            silo.AddMatchmakerGrains();
            // Traces follow a request into the grains it calls, across nodes (recorded only when traces are exported).
            silo.AddActivityPropagation();
            silo.AddOperatorDashboard(builder.Configuration);
        });

        builder.Services.AddMediator(options =>
        {
            options.Assemblies = [typeof(MatchmakerApi)];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>), typeof(InvalidateMatchesBehavior<,>)];
        });
        builder.Services.AddMatchmakerApi(builder.Configuration);
        builder.AddMatchmakerOperations();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [Api.Health.HealthApi.ReadyTag]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Api.Features.Import.ImportApi.MaxCsvBytes);
        AdminKey.Configure(builder);
        // After Orleans, so the silo is up when the seeder calls grains.
        builder.Services.AddHostedService<DemoEventSeeder>();

        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseMatchmakerApi();
        app.MapMatchmakerOperations();
        return app;
    }

    /// <summary>
    /// ASP.NET Core, Orleans and Polly log every request and grain placement at Information: four console lines per
    /// request cost a busy node a large share of its CPU. They start at Warning; our own logs and the host's lifetime
    /// lines (where it listens) stay at Information. Lowest precedence, so appsettings, environment variables and the
    /// command line (<c>--Logging:LogLevel:Orleans=Information</c>) still choose.
    /// </summary>
    private static void QuietFrameworkLogs(ConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Orleans"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });
}
