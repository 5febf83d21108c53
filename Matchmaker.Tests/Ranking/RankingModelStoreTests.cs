using Matchmaker.Silo.Ranking;
using Matchmaker.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matchmaker.Tests.Ranking;

[Collection(StorageCollection.Name)]
public sealed class RankingModelStoreTests(AzuriteFixture storage)
{
    [Fact]
    public async Task An_event_ranks_with_the_default_model_until_it_stores_its_own_and_versions_count_up()
    {
        var eventId = Samples.NewId("models");
        var store = new RankingModels(Configuration(), NullLogger<RankingModels>.Instance);

        var (before, beforeName) = await store.ForEventAsync(eventId);
        var first = await store.SaveEventModelAsync(eventId, before);
        var second = await store.SaveEventModelAsync(eventId, before);

        // A fresh store (another process) reads the blobs, not a cache.
        var (after, afterName) = await new RankingModels(Configuration(), NullLogger<RankingModels>.Instance).ForEventAsync(eventId);
        Assert.Same(store.Default, before);
        Assert.StartsWith("default", beforeName);
        Assert.Equal((1, 2), (first, second));
        Assert.Equal("event model v2", afterName);
        Assert.Equal(before.Info, after.Info);
        Assert.Equal(before.TreeCount, after.TreeCount);
    }

    private IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Storage"] = storage.ConnectionString })
        .Build();
}
