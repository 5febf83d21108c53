using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matchmaker.Silo.Hosting;

/// <summary>Readiness: the storage account's table and blob services answer.</summary>
public sealed class StorageHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = DevelopmentStorage.ResolveConnectionString(configuration);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await new TableServiceClient(connection).GetPropertiesAsync(timeout.Token);
            await new BlobServiceClient(connection, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06)).GetPropertiesAsync(timeout.Token);
            return HealthCheckResult.Healthy("tables and blobs answer");
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or AggregateException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"storage did not answer: {ex.GetType().Name}");
        }
    }
}
