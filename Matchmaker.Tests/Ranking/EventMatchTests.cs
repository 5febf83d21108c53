using Matchmaker.Model.Domain;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

public class EventMatchTests(SmallModelFixture small) : IClassFixture<SmallModelFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static EventDelegate Delegate(string id, string sector, string country = "KOR") =>
        new(id, new DelegateProfile(id, null, "Co " + id, sector, [sector], ["partnership"], null, null, [country], 8, null, country, "Seoul"));

    private static EventStartup Startup(string id, string sector, string country = "KOR", string stage = "seed") =>
        new(id, new StartupProfile(id, [sector], stage, country, country == "KOR" ? "Seoul" : "Austin", ["partnership"], null, 5, null, null));

    private static readonly EventDelegate[] Delegates = [Delegate("d1", "semiconductor"), Delegate("d2", "biotech"), Delegate("d3", "web", "USA")];

    private static readonly EventStartup[] Startups =
        [Startup("s1", "semiconductor"), Startup("s2", "biotech"), Startup("s3", "web", "USA"), Startup("s4", "games_video", "USA", "growth")];

    [Fact]
    public void A_delegate_sees_every_startup_once_with_a_fused_score_and_reasons()
    {
        var table = EventMatchTable.Build(small.Model, Delegates, Startups, [], Today);

        var matches = table.ForDelegate("d1", limit: 10)!;

        Assert.Equal(["s1", "s2", "s3", "s4"], matches.Select(m => m.StartupId).Order());
        Assert.All(matches, m => Assert.Equal(Math.Sqrt(m.BrowserPercentile * m.OtherPercentile), m.Score, 12));
        Assert.Contains("shares your sectors: semiconductor", matches.Single(m => m.StartupId == "s1").Reasons);
    }

    [Fact]
    public void A_startup_that_requested_the_delegate_comes_first_and_says_requested_you()
    {
        var table = EventMatchTable.Build(small.Model, Delegates, Startups, [new EventSignal("d1", "s4", new PairSignals(StartupRequested: true))], Today);

        var first = table.ForDelegate("d1", limit: 10)![0];

        Assert.Equal("s4", first.StartupId);
        Assert.Equal("requested you", first.Reasons[0]);
    }

    [Fact]
    public void A_declined_pair_sinks_to_the_bottom_of_both_lists()
    {
        var table = EventMatchTable.Build(small.Model, Delegates, Startups, [new EventSignal("d1", "s1", new PairSignals(StartupRequested: true, Declined: true))], Today);

        Assert.Equal("s1", table.ForDelegate("d1", 10)![^1].StartupId);
        Assert.Equal("d1", table.ForStartup("s1", 10)![^1].DelegateId);
    }

    [Fact]
    public void Filters_and_limit_apply_to_the_other_party()
    {
        var table = EventMatchTable.Build(small.Model, Delegates, Startups, [], Today);

        Assert.Equal(["s3", "s4"], table.ForDelegate("d2", 10, new MatchFilter(Country: "USA"))!.Select(m => m.StartupId).Order());
        Assert.Equal(["s4"], table.ForDelegate("d2", 10, new MatchFilter(Stage: "growth"))!.Select(m => m.StartupId));
        Assert.Equal(["d2"], table.ForStartup("s1", 10, new MatchFilter(Sector: "biotech"))!.Select(m => m.DelegateId));
        Assert.Single(table.ForStartup("s1", 1)!);
        Assert.Null(table.ForDelegate("nobody", 10));
    }
}
