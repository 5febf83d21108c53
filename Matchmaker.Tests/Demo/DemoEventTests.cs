using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Demo;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Demo;

public sealed class DemoEventTests
{
    [Fact]
    public void The_demo_is_drawn_from_real_companies_and_is_the_same_on_every_build()
    {
        var data = CrunchbaseData.Load(DemoEvent.DataDirectory(), includeInvestments: false);

        var first = DemoEvent.Build(data);
        var second = DemoEvent.Build(data);

        Assert.Equal(DemoEvent.StartupCount, first.Startups.Count);
        Assert.Equal(DemoEvent.DelegateCount, first.Delegates.Count);
        Assert.Equal(first.Startups.Select(s => s.Id), second.Startups.Select(s => s.Id));
        Assert.Equal(first.Startups[7].Availability.Slots!, second.Startups[7].Availability.Slots!);
        Assert.Contains(first.Delegates, d => d.Profile.Company == "Google");
        Assert.All(first.Startups, s => Assert.True(s.Profile.Validate().IsValid, s.Profile.Validate().ToString()));
        Assert.All(first.Delegates, d => Assert.True(d.Profile.Validate().IsValid, d.Profile.Validate().ToString()));
        Assert.Equal(first.Startups.Count, first.Startups.Select(s => s.Id).Distinct().Count());
    }
}

[Collection(StorageCollection.Name)]
public sealed class DemoSeedingTests(AzuriteFixture storage)
{
    [Fact]
    public async Task The_first_start_seeds_the_demo_event_and_a_restart_keeps_what_users_changed()
    {
        await using (var first = new MatchmakerFactory(storage.ConnectionString, seedDemo: true))
        {
            var client = first.CreateClient(DemoEventSeeder.DemoCredential(MatchmakerFactory.AdminKey, "organiser"));
            var demo = await (await client.GetAsync("/api/events/demo")).ReadJsonAsync();
            Assert.True((int)demo["startups"]! >= 300);
            Assert.True((int)demo["delegates"]! >= 40);
            Assert.Equal(48, demo["slots"]!.AsArray().Count);
            (await client.PutJsonAsync("/api/events/demo/startups/mine", new { profile = Samples.Startup("Mine") })).EnsureSuccessStatusCode();
        }

        await using var second = new MatchmakerFactory(storage.ConnectionString, seedDemo: true);
        var again = await (await second.CreateClient(DemoEventSeeder.DemoCredential(MatchmakerFactory.AdminKey, "organiser")).GetAsync("/api/events/demo")).ReadJsonAsync();
        Assert.Equal(DemoEvent.StartupCount + 1, (int)again["startups"]!);
    }
}
