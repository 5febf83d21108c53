using Matchmaker.Model.Grains;
using Matchmaker.Model.Import;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Silo.Demo;

/// <summary>
/// Seeds the demo event on the first start. The configuration is written last, so a start that died half-way
/// seeds again on the next start; rewriting the same participants is harmless.
/// </summary>
public sealed class DemoEventSeeder(IGrainFactory grains, IConfiguration configuration, ILogger<DemoEventSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Seed", true)) return;
        var eventGrain = grains.GetGrain<IEventGrain>(DemoEvent.Id);
        if (await eventGrain.GetConfigAsync() is not null) return;

        var demo = DemoEvent.Build(CrunchbaseData.Load(DemoEvent.DataDirectory(), includeInvestments: false));
        await ParticipantRegistration.RegisterAsync(grains, DemoEvent.Id, demo.Startups, demo.Delegates, cancellationToken);
        await eventGrain.ConfigureAsync(DemoEvent.Config);
        logger.LogInformation("Seeded the demo event '{Event}': {Startups} startups, {Delegates} delegates from Crunchbase 2013.",
            DemoEvent.Id, demo.Startups.Count, demo.Delegates.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
