using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Silo.Ranking;

/// <summary>
/// Ranking model versions as blobs: <c>{eventId}/v{N}.zip</c> in the models container, and <c>{eventId}/current</c>
/// naming the version in use. The version blob is written before the pointer moves, so a crash never points at
/// half a model. Events without a model of their own use the default model trained from Crunchbase.
/// </summary>
public sealed class RankingModels(IConfiguration configuration, ILogger<RankingModels> logger)
{
    public const string DefaultModelFile = "default-ranking.zip";
    private readonly ConcurrentDictionary<string, RankingModel> _loaded = new(StringComparer.Ordinal);
    private readonly Lazy<RankingModel> _default = new(LoadDefault);
    private BlobContainerClient? _container;

    public RankingModel Default => _default.Value;

    /// <summary>The model an event ranks with, and a description for reports.</summary>
    public async Task<(RankingModel Model, string Description)> ForEventAsync(string eventId, CancellationToken cancel = default)
    {
        var version = await CurrentVersionAsync(eventId, cancel);
        if (version == 0) return (Default, "default (Crunchbase 2013)");
        var key = $"{eventId}/v{version}";
        if (!_loaded.TryGetValue(key, out var model))
        {
            var blob = (await ContainerAsync(cancel)).GetBlobClient(key + ".zip");
            using var stream = new MemoryStream();
            await blob.DownloadToAsync(stream, cancel);
            stream.Position = 0;
            model = _loaded.GetOrAdd(key, RankingModel.Load(stream));
        }
        return (model, $"event model v{version}");
    }

    /// <summary>Stores a new version for the event and makes it current; returns its number.</summary>
    public async Task<int> SaveEventModelAsync(string eventId, RankingModel model, CancellationToken cancel = default)
    {
        var container = await ContainerAsync(cancel);
        var version = await CurrentVersionAsync(eventId, cancel) + 1;
        using (var zip = new MemoryStream())
        {
            model.Save(zip);
            zip.Position = 0;
            await container.GetBlobClient($"{eventId}/v{version}.zip").UploadAsync(zip, overwrite: true, cancel);
        }
        await container.GetBlobClient($"{eventId}/current").UploadAsync(BinaryData.FromString(version.ToString()), overwrite: true, cancel);
        _loaded[$"{eventId}/v{version}"] = model;
        logger.LogInformation("Event {Event} now ranks with its own model v{Version}.", eventId, version);
        return version;
    }

    private async Task<int> CurrentVersionAsync(string eventId, CancellationToken cancel)
    {
        var pointer = (await ContainerAsync(cancel)).GetBlobClient($"{eventId}/current");
        try
        {
            var content = await pointer.DownloadContentAsync(cancel);
            return int.Parse(content.Value.Content.ToString());
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    private async Task<BlobContainerClient> ContainerAsync(CancellationToken cancel)
    {
        if (_container is not null) return _container;
        var service = new BlobServiceClient(DevelopmentStorage.ResolveConnectionString(configuration),
            new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
        var container = service.GetBlobContainerClient("matchmaker-models");
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancel);
        return _container = container;
    }

    private static RankingModel LoadDefault()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "models", DefaultModelFile);
        var path = File.Exists(beside) ? beside : Path.Combine(RepoRoot.Find(), "models", DefaultModelFile);
        return RankingModel.Load(path);
    }
}
