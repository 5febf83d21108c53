using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>
/// The real Azure table storage with one switch: the next writes of a chosen grain fail, as a storage outage
/// would, after nothing was written. Reads and every other grain's writes go through.
/// </summary>
public sealed class FailingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly Dictionary<string, int> FailuresAhead = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> writes of the grain whose key is <paramref name="grainKey"/> fail.</summary>
    public static void FailNextWrites(string grainKey, int count = 1)
    {
        lock (FailuresAhead) FailuresAhead[grainKey] = count;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        lock (FailuresAhead)
        {
            if (FailuresAhead.TryGetValue(key, out var left) && left > 0)
            {
                FailuresAhead[key] = left - 1;
                throw new Azure.RequestFailedException(503, $"Injected storage failure writing {grainId}.");
            }
        }
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Puts this in front of the named table storage.</summary>
    public static void Install(ISiloBuilder silo, string name) =>
        silo.Services.AddGrainStorage(name, (services, storageName) => new FailingGrainStorage(AzureTableGrainStorageFactory.Create(services, storageName)));
}
