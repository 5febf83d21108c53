using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Matchmaker.Silo.Batch;
using Matchmaker.Silo.Grains;
using Matchmaker.Silo.Ranking;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Reminders.AzureStorage;
using Orleans.Serialization;
using Orleans.Storage;

namespace Matchmaker.Silo.Hosting;

/// <summary>Grain services and storage: Azure tables for small state, blobs for large, written with the Orleans serializer so aliased types survive renames.</summary>
public static class MatchmakerSilo
{
    /// <summary>Everything the grains need, shared by the host and the test cluster.</summary>
    public static ISiloBuilder AddMatchmakerGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        // Shared by the event grains (which forget what they revoke) and request authentication on this node.
        silo.Services.TryAddSingleton(services => new Model.Access.RecentCredentials(TimeSpan.FromSeconds(
            services.GetRequiredService<IOptions<Api.Identity.MatchmakerIdentityOptions>>().Value.CredentialCacheSeconds)));
        // The host adds the SMTP mailer; a cluster without it keeps notices in the inbox only.
        silo.Services.TryAddSingleton<Model.Notices.INoticeMailer, Model.Notices.MailOff>();
        silo.Services.AddSingleton<RankingModels>();
        silo.Services.TryAddSingleton<Model.Grains.LocalMatchLists>();
        silo.Services.AddSingleton<PairingPipeline>();
        silo.AddAzureTableGrainStorage(StorageNames.Tables, (OptionsBuilder<AzureTableStorageOptions> options) => options.Configure<Serializer, IConfiguration>((table, serializer, config) =>
        {
            table.TableServiceClient = new TableServiceClient(DevelopmentStorage.ResolveConnectionString(config));
            table.TableName = "matchmakergrains";
            table.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.AddAzureBlobGrainStorage(StorageNames.Blobs, (OptionsBuilder<AzureBlobStorageOptions> options) => options.Configure<Serializer, IConfiguration>((blob, serializer, config) =>
        {
            blob.BlobServiceClient = new BlobServiceClient(DevelopmentStorage.ResolveConnectionString(config), new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
            blob.ContainerName = "matchmaker-grains";
            blob.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAzureTableReminderService((OptionsBuilder<AzureTableReminderStorageOptions> options) => options.Configure<IConfiguration>((reminders, config) =>
        {
            reminders.TableServiceClient = new TableServiceClient(DevelopmentStorage.ResolveConnectionString(config));
            reminders.TableName = "matchmakerreminders";
        }));
        return silo;
    }
}
