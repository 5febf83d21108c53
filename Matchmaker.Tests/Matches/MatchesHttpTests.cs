using System.Net;
using System.Net.Http.Json;
using Matchmaker.Tests.Http;
using Matchmaker.Model.Grains;
using Matchmaker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Matches;

[Collection(StorageCollection.Name)]
public sealed class MatchesHttpTests(AzuriteFixture storage) : IAsyncLifetime
{
    private EventHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await EventHost.StartAsync(storage);
        await PutStartupAsync("chips", ["semiconductor", "hardware"], "seed", "KOR");
        await PutStartupAsync("games", ["games_video"], "series-a", "USA");
        await PutStartupAsync("lawtech", ["legal"], "seed", "FRA");
        await _host.AddDelegatesAsync("scout");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_scout_sees_startups_ranked_with_reasons_and_the_sector_match_first()
    {
        var matches = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches"))).ReadJsonAsync()).AsArray();

        Assert.Equal(3, matches.Count);
        Assert.Equal("chips", (string?)matches[0]!["id"]);
        Assert.Contains(matches[0]!["reasons"]!.AsArray(), r => ((string?)r)!.Contains("semiconductor"));
        var scores = matches.Select(m => (double)m!["score"]!).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Filters_and_limit_narrow_the_list()
    {
        var french = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches?country=FRA"))).ReadJsonAsync()).AsArray();
        var seed = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches?stage=seed&limit=1"))).ReadJsonAsync()).AsArray();

        Assert.Equal(["lawtech"], french.Select(m => (string?)m!["id"]));
        Assert.Single(seed);
        Assert.Equal("seed", (string?)seed[0]!["stage"]);
    }

    [Fact]
    public async Task A_startup_that_requested_the_scout_comes_first_and_says_so()
    {
        (await _host.As("lawtech").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "lawtech", delegateId = "scout" })).EnsureSuccessStatusCode();
        await _host.MatchesCaughtUpAsync();

        var matches = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches"))).ReadJsonAsync()).AsArray();

        Assert.Equal("lawtech", (string?)matches[0]!["id"]);
        Assert.Contains(matches[0]!["reasons"]!.AsArray(), r => ((string?)r)!.Contains("requested", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_startup_sees_delegates_with_the_company_and_a_new_profile_is_ranked_after_it_registers()
    {
        var before = (await (await _host.Client.GetAsync(_host.Url("/startups/chips/matches"))).ReadJsonAsync()).AsArray();
        await _host.AddDelegatesAsync("second-scout");
        await _host.MatchesCaughtUpAsync();
        var after = (await (await _host.Client.GetAsync(_host.Url("/startups/chips/matches"))).ReadJsonAsync()).AsArray();

        Assert.Single(before);
        Assert.Equal("Samsung Electronics", (string?)before[0]!["company"]);
        Assert.Equal(2, after.Count);
    }

    [Fact]
    public async Task A_profile_edit_moves_the_ranking_once_the_table_catches_up_and_the_write_does_not_wait_for_it()
    {
        var before = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches"))).ReadJsonAsync()).AsArray();
        Assert.Equal("chips", (string?)before[0]!["id"]);

        // The scout now looks for legal tech only, in France.
        (await _host.Client.PutJsonAsync(_host.Url("/delegates/scout"), new
        {
            profile = Samples.Delegate("scout") with { Interests = ["legal"], CompanySector = "legal", Countries = ["FRA"], CompanyCountry = "FRA", CompanyCity = "Paris" },
        })).EnsureSuccessStatusCode();
        await _host.MatchesCaughtUpAsync();
        var after = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches"))).ReadJsonAsync()).AsArray();

        Assert.Equal("lawtech", (string?)after[0]!["id"]);
        Assert.Contains(after[0]!["reasons"]!.AsArray(), r => ((string?)r)!.Contains("legal"));
    }

    [Fact]
    public async Task Once_the_table_serves_a_read_on_its_node_takes_the_grains_lists_without_calling_it_and_follows_each_new_table()
    {
        var first = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches"))).ReadJsonAsync()).AsArray();
        var served = _host.Services.GetRequiredService<LocalMatchLists>().For(_host.EventId);
        var grain = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventMatchesGrain>(_host.EventId);
        var query = new MatchQuery(20, null, null, null);

        Assert.NotNull(served);
        Assert.Equal(first.Select(m => (string?)m!["id"]), served.ForDelegate("scout", query)!.Items.Select(m => m.Id));
        Assert.Equal((await grain.ForStartupAsync("chips", query))!.Items.Select(m => (m.Id, m.Score, string.Join("|", m.Reasons))),
            served.ForStartup("chips", query)!.Items.Select(m => (m.Id, m.Score, string.Join("|", m.Reasons))));
        Assert.Null(served.ForDelegate("nobody", query));

        (await _host.As("lawtech").PostAsJsonAsync(_host.Url("/requests"), new { startupId = "lawtech", delegateId = "scout" })).EnsureSuccessStatusCode();
        await _host.MatchesCaughtUpAsync();
        var next = _host.Services.GetRequiredService<LocalMatchLists>().For(_host.EventId);
        var after = (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches"))).ReadJsonAsync()).AsArray();

        Assert.NotSame(served, next);
        Assert.Equal("lawtech", next!.ForDelegate("scout", query)!.Items[0].Id);
        Assert.Equal("lawtech", (string?)after[0]!["id"]);
        // The table it replaced still answers as it did, for a read that took it just before.
        Assert.Equal("chips", served.ForDelegate("scout", query)!.Items[0].Id);
    }

    [Fact]
    public async Task A_participant_registered_after_the_table_was_built_finds_their_matches_at_once()
    {
        (await (await _host.Client.GetAsync(_host.Url("/delegates/scout/matches"))).ReadJsonAsync()).AsArray();
        await _host.AddStartupsAsync("latecomer");

        // No wait for the table here: a participant the table does not know yet is answered once their registration is ranked.
        var matches = await _host.Client.GetAsync(_host.Url("/startups/latecomer/matches"));

        Assert.Equal(HttpStatusCode.OK, matches.StatusCode);
        Assert.Single((await matches.ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task Unknown_participants_and_bad_filters_are_named()
    {
        var unknown = await _host.Client.GetAsync(_host.Url("/delegates/nobody/matches"));
        var badSector = await _host.Client.GetAsync(_host.Url("/delegates/scout/matches?sector=toys&limit=0"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var errors = (await badSector.ReadJsonAsync())["errors"]!.AsObject();
        Assert.NotNull(errors["sector"]);
        Assert.NotNull(errors["limit"]);
    }

    private async Task PutStartupAsync(string id, string[] sectors, string stage, string country) =>
        (await _host.RegisterAsync("startups", id, new
        {
            profile = Samples.Startup(id) with { Sectors = sectors, Stage = stage, Country = country, City = null },
        })).EnsureSuccessStatusCode();
}
