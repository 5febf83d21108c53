using Matchmaker.Silo.Hosting;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>A real Azurite on free ports with a temporary data folder, for one test collection.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "matchmaker-tests-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString => _azurite?.Options.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync()
    {
        var options = new AzuriteOptions(RepoRoot.Find(), _dataDirectory, FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        _azurite = await AzuriteProcess.StartAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "storage";
}
