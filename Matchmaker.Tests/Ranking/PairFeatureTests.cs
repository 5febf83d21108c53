using Matchmaker.Model.Domain;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

public class PairFeatureTests
{
    private static readonly RankingContext Context = RankingContext.Learn([]);
    private static readonly DateOnly AsOf = new(2026, 11, 24);

    private static DelegateProfile Scout(IReadOnlyList<string> interests, IReadOnlyList<string>? countries = null, string country = "USA", string? city = "Austin") =>
        new("Ana", "Scout", "Acme", "hardware", interests, ["partnership"], ["distribution"], ["seed", "series-a"], countries, 8, null, country, city);

    private static StartupProfile Startup(IReadOnlyList<string> sectors, string country = "USA", string? city = "Boston", string stage = "seed") =>
        new("Chipco", sectors, stage, country, city, ["partnership"], null, 10, null, null, 2020, 1_000_000);

    private static (float[] Features, IReadOnlyList<string> Reasons) Compute(DelegateProfile scout, StartupProfile startup, PairSignals? signals = null)
    {
        var corporate = new PreparedCorporate(CorporateView.FromDelegate("d1", scout, AsOf), Context);
        var candidate = new PreparedCandidate(CandidateView.FromStartup("s1", startup), Context);
        var features = new float[PairFeatures.Length];
        PairFeatures.Compute(corporate, candidate, features);
        return (features, PairReasons.Explain(corporate, candidate, Perspective.CorporateBrowses, signals, features));
    }

    [Fact]
    public void Shared_sectors_give_their_jaccard_and_name_them_in_the_reason()
    {
        var (features, reasons) = Compute(Scout(["semiconductor", "hardware", "mobile"]), Startup(["semiconductor", "hardware"]));

        Assert.Equal(2f / 3f, features[PairFeatures.SectorJaccard], 5);
        Assert.Contains("shares your sectors: hardware, semiconductor", reasons);
    }

    [Fact]
    public void No_shared_sector_gives_zero_overlap_and_no_sector_reason()
    {
        var (features, reasons) = Compute(Scout(["biotech"]), Startup(["games_video"]));

        Assert.Equal(0f, features[PairFeatures.SectorJaccard]);
        Assert.DoesNotContain(reasons, r => r.StartsWith("shares your sectors", StringComparison.Ordinal));
    }

    [Fact]
    public void A_startup_in_a_country_the_scout_covers_says_so()
    {
        var (features, reasons) = Compute(Scout(["hardware"], countries: ["KOR"]), Startup(["hardware"], country: "KOR", city: "Seoul"));

        Assert.Equal(1f, features[PairFeatures.HistoryCountryShare]);
        Assert.Equal(0f, features[PairFeatures.SameCountry]);
        Assert.Contains("Seoul-based; you scout Korea", reasons);
    }

    [Fact]
    public void Stage_and_seeks_fit_are_features_and_reasons()
    {
        var (features, reasons) = Compute(Scout(["hardware"]), Startup(["hardware"], stage: "seed"));

        Assert.Equal(0.5f, features[PairFeatures.StageShare]);
        Assert.Equal(1f, features[PairFeatures.SeeksMatch]);
        Assert.Contains("at seed, a stage you look for", reasons);
        Assert.Contains(reasons, r => r.StartsWith("seeks partnership", StringComparison.Ordinal));
    }

    [Fact]
    public void A_request_from_the_startup_reads_requested_you()
    {
        var (_, reasons) = Compute(Scout(["hardware"]), Startup(["web"]), new PairSignals(StartupRequested: true));

        Assert.Equal("requested you", reasons[0]);
    }

    [Fact]
    public void Learned_affinity_ranks_a_sector_that_co_occurs_with_the_history_above_one_that_never_does()
    {
        // Every corporate that bought semiconductor startups also bought hardware ones; none bought music.
        var engagements = Enumerable.Range(0, 20).SelectMany(c => new[]
        {
            new ObservedEngagement($"c{c}", SectorSet.Of("hardware"), SectorSet.Of("semiconductor"), Place.Unknown),
            new ObservedEngagement($"c{c}", SectorSet.Of("hardware"), SectorSet.Of("hardware"), Place.Unknown),
            new ObservedEngagement($"m{c}", SectorSet.Of("music"), SectorSet.Of("music"), Place.Unknown),
            new ObservedEngagement($"m{c}", SectorSet.Of("music"), SectorSet.Of("web"), Place.Unknown),
        });
        var context = RankingContext.Learn(engagements);
        var corporate = new PreparedCorporate(new CorporateView("c", [], Place.Unknown, [],
            [new PastTarget(["semiconductor"], Place.Unknown)], [], [], [], [], AsOf), context);
        float Lift(string sector)
        {
            var features = new float[PairFeatures.Length];
            PairFeatures.Compute(corporate, new PreparedCandidate(new CandidateView("x", [sector], Place.Unknown, null, null, null, []), context), features);
            return features[PairFeatures.CoEngagedLift];
        }

        Assert.True(Lift("hardware") > 1.5f, $"hardware lift {Lift("hardware")}");
        Assert.True(Lift("music") < 1f, $"music lift {Lift("music")}");
    }
}

public class PairFeatureVectorTests
{
    [Fact]
    public void Every_feature_has_one_distinct_name_and_the_vector_length_matches()
    {
        Assert.Equal(PairFeatures.Length, PairFeatures.Names.Count);
        Assert.Equal(PairFeatures.Names.Count, PairFeatures.Names.Distinct().Count());
    }
}
