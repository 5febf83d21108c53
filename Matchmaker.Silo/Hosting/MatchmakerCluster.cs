using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// How the nodes find each other. By default one node alone (localhost clustering). With
/// <c>Orleans:ClusteringMode=AzureTable</c> every node with the same <c>Orleans:ClusterId</c> joins one cluster through a
/// membership table in the storage account the grains use (<c>ConnectionStrings:Storage</c>), so more nodes are more
/// copies of the same process. <c>Orleans:AdvertisedIP</c> is the address the other nodes reach this one at;
/// <c>Orleans:ClusterMembership:*</c> binds Orleans' <see cref="ClusterMembershipOptions"/> (probe and death-vote timeouts).
/// </summary>
public static class MatchmakerCluster
{
    // Not "Orleans:Clustering": Orleans reads that section itself as a provider configuration.
    public const string ClusteringKey = "Orleans:ClusteringMode";
    public const string AzureTable = "AzureTable";
    public const string Localhost = "Localhost";
    public const string MembershipTable = "matchmakercluster";

    /// <summary>Whether the configuration asks for a cluster of several nodes; anything but the two known values is an error.</summary>
    public static bool UsesAzureTable(IConfiguration configuration)
    {
        var value = configuration[ClusteringKey];
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value, Localhost, StringComparison.OrdinalIgnoreCase)) return false;
        if (string.Equals(value, AzureTable, StringComparison.OrdinalIgnoreCase)) return true;
        throw new InvalidOperationException($"{ClusteringKey} is '{value}': use '{Localhost}' (one node, the default) or '{AzureTable}' (several nodes on one storage account).");
    }

    /// <summary>Localhost clustering for one node, or Azure Table membership for several; chosen when the host is built.</summary>
    public static ISiloBuilder UseMatchmakerClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (UsesAzureTable(configuration))
        {
            silo.UseAzureStorageClustering((OptionsBuilder<AzureStorageClusteringOptions> options) => options.Configure<IConfiguration>((table, config) =>
            {
                table.TableServiceClient = new TableServiceClient(DevelopmentStorage.ResolveConnectionString(config));
                table.TableName = MembershipTable;
            }));
            // Other nodes must reach this one: loopback only when every node runs on this machine.
            silo.Services.AddOptions<EndpointOptions>().Configure<IConfiguration>((endpoints, config) =>
            {
                if (config["Orleans:AdvertisedIP"] is { Length: > 0 } advertised) endpoints.AdvertisedIPAddress = IPAddress.Parse(advertised);
            });
        }
        else
        {
            silo.UseLocalhostClustering();
        }
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration("Orleans:ClusterMembership");
        return silo;
    }
}
