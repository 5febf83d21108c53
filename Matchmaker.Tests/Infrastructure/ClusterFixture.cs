using Matchmaker.Silo.Hosting;
using Orleans.TestingHost;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>One in-process Orleans cluster per collection, storing grain state in a real Azurite.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _storage = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        await _storage.InitializeAsync();
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSiloHost((_, host) => host.Configuration["ConnectionStrings:Storage"] = _storage.ConnectionString);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMatchmakerGrains();
            // Writes go to Azurite as configured, unless a test asks one grain's next write to fail.
            FailingGrainStorage.Install(silo, Silo.Grains.StorageNames.Tables);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _storage.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
