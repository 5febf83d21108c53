using System.Net.Http.Json;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Batch;
using Matchmaker.Silo.Grains;
using Matchmaker.Silo.Ranking;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Matches;

/// <summary>
/// An event above the dense size is held by partition grains, one per delegate here (Matches:PartitionDelegates=1), with
/// every pair a candidate: each list read through the event's match grain must equal the one table's, a startup's
/// list merged from every partition, and writes must still reach the lists.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class PartitionedMatchesHttpTests(AzuriteFixture storage) : IAsyncLifetime
{
    private EventHost _host = null!;
    private static readonly string[] StartupIds = ["chips", "games", "lawtech", "robots"];
    private static readonly string[] DelegateIds = ["scout", "lg-scout", "sk-scout"];

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage, 5,
            ("Matches:DenseMaxPairs", "1"), ("Matches:PartitionDelegates", "1"), ("Matches:CandidatesPerParticipant", "0"));
        await PutStartupAsync("chips", ["semiconductor", "hardware"], "seed", "KOR");
        await PutStartupAsync("games", ["games_video"], "series-a", "USA");
        await PutStartupAsync("lawtech", ["legal"], "seed", "FRA");
        await PutStartupAsync("robots", ["hardware"], "series-a", "KOR");
        await _host.AddDelegatesAsync("scout");
        (await _host.RegisterAsync("delegates", "lg-scout", new
        {
            profile = Samples.Delegate("lg-scout") with { Company = "LG", CompanySector = "games_video", Interests = ["games_video", "legal"], CompanyCountry = "USA" },
        })).EnsureSuccessStatusCode();
        (await _host.RegisterAsync("delegates", "sk-scout", new
        {
            profile = Samples.Delegate("sk-scout") with { Company = "SK", CompanySector = "legal", Interests = ["hardware"], Countries = ["FRA"] },
        })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_list_read_through_the_partitions_equals_the_one_table_of_every_pair()
    {
        (await _host.As("lawtech").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "lawtech", delegateId = "scout" })).EnsureSuccessStatusCode();
        await _host.MatchesCaughtUpAsync();

        await AssertListsEqualTheOneTableAsync();
    }

    [Fact]
    public async Task A_profile_edit_reaches_the_partitioned_lists()
    {
        await _host.MatchesCaughtUpAsync();
        var before = await Matches().ForStartupAsync("lawtech", new MatchQuery(10, null, null, null));

        await PutStartupAsync("lawtech", ["semiconductor", "hardware", "mobile"], "seed", "KOR");
        await _host.MatchesCaughtUpAsync();

        await AssertListsEqualTheOneTableAsync();
        var after = await Matches().ForStartupAsync("lawtech", new MatchQuery(10, null, null, null));
        Assert.Equal(3, after!.Items.Count);
        Assert.NotEqual(Text(before!.Items), Text(after.Items));
        Assert.Null(await Matches().ForStartupAsync("nobody", new MatchQuery(10, null, null, null)));
        Assert.Null(await Matches().ForDelegateAsync("nobody", new MatchQuery(10, null, null, null)));
    }

    private IEventMatchesGrain Matches() => _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventMatchesGrain>(_host.EventId);

    private async Task AssertListsEqualTheOneTableAsync()
    {
        var grains = _host.Services.GetRequiredService<IGrainFactory>();
        var snapshot = await EventSnapshot.TakeAsync(grains, _host.EventId, CancellationToken.None);
        var (model, _) = await _host.Services.GetRequiredService<RankingModels>().ForEventAsync(_host.EventId);
        var table = EventMatchTable.Build(model, snapshot.RankingDelegates(), snapshot.RankingStartups(),
            EventSignals.From(snapshot.Requests, snapshot.Feedback), DateOnly.FromDateTime(DateTime.UtcNow));
        MatchQuery[] queries = [new(10, null, null, null), new(2, null, null, null), new(10, "hardware", null, null), new(10, null, null, "KOR")];

        foreach (var query in queries)
        {
            var filter = new MatchFilter(query.Sector, query.Stage, query.Country);
            foreach (var id in DelegateIds)
                Assert.Equal(Text(table.ForDelegate(id, query.Limit, filter)!.Select(m => MatchViews.OfStartup(m.StartupId, table.StartupProfile(m.StartupId)!, m))),
                    Text((await Matches().ForDelegateAsync(id, query))!.Items));
            foreach (var id in StartupIds)
                Assert.Equal(Text(table.ForStartup(id, query.Limit, filter)!.Select(m => MatchViews.OfDelegate(table.DelegateProfile(m.DelegateId)!, m))),
                    Text((await Matches().ForStartupAsync(id, query))!.Items));
        }
    }

    private static List<string> Text(IEnumerable<Match> matches) =>
        [.. matches.Select(m => $"{m.Id} {m.Score:R} {m.Name} {m.Company}: {string.Join("; ", m.Reasons)}")];

    private async Task PutStartupAsync(string id, string[] sectors, string stage, string country) =>
        (await _host.RegisterAsync("startups", id, new
        {
            profile = Samples.Startup(id) with { Sectors = sectors, Stage = stage, Country = country, City = null },
        })).EnsureSuccessStatusCode();
}
