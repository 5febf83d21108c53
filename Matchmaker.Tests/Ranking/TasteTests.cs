using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Cli;

namespace Matchmaker.Tests.Ranking;

public class TasteTests
{
    private static readonly DateOnly AsOf = new(2011, 1, 1);

    private static Dictionary<int, double> History(params (int Key, double Count)[] counts) => counts.ToDictionary(c => c.Key, c => c.Count);

    [Fact]
    public void Corporates_with_sharp_distinct_tastes_get_a_weak_prior_and_look_alike_ones_a_strong_one()
    {
        // Four values with equal pooled shares. Sharp: each corporate buys one value only. Alike: each buys all four evenly.
        var sharp = Enumerable.Range(0, 40).Select(c => History((c % 4, 10))).ToList();
        var alike = Enumerable.Range(0, 40).Select(_ => History((0, 3), (1, 3), (2, 3), (3, 3))).ToList();

        var sharpAlpha = EmpiricalBayes.Alpha(sharp, _ => 0.25, 4 * 0.25 * 0.25);
        var alikeAlpha = EmpiricalBayes.Alpha(alike, _ => 0.25, 4 * 0.25 * 0.25);

        Assert.True(sharpAlpha < 1, $"sharp tastes: alpha {sharpAlpha}");
        Assert.True(alikeAlpha > 100, $"alike tastes: alpha {alikeAlpha}");
    }

    [Fact]
    public void A_sector_taste_grows_with_the_evidence_and_unseen_sectors_fall_below_everyones()
    {
        var context = RankingContext.Learn([]);
        float Taste(int biotechTargets, string sector)
        {
            var history = Enumerable.Range(0, biotechTargets).Select(_ => new PastTarget(["biotech"], Place.Unknown)).ToList();
            var corporate = new PreparedCorporate(new CorporateView("c", [], Place.Unknown, [], history, [], [], [], [], AsOf), context);
            var features = new float[PairFeatures.Length];
            PairFeatures.Compute(corporate, new PreparedCandidate(new CandidateView("x", [sector], Place.Unknown, null, null, null, []), context), features);
            return features[PairFeatures.SectorTaste];
        }

        Assert.True(Taste(2, "biotech") > 1f);
        Assert.True(Taste(8, "biotech") > Taste(2, "biotech"), "more evidence, stronger taste");
        Assert.True(Taste(8, "music") < 1f, "a sector never picked falls below everyone's");
    }

    [Fact]
    public void Bands_count_half_in_their_neighbours_and_keep_unknown_apart()
    {
        var histogram = new double[TasteBands.FundingBands];
        TasteBands.AddSmoothed(histogram, TasteBands.Funding(3_000_000));
        TasteBands.AddSmoothed(histogram, TasteBands.Funding(null));

        Assert.Equal(1, histogram[0]);
        Assert.Equal(2, histogram.Sum(), 10);
        Assert.Equal(0.5, histogram[TasteBands.Funding(3_000_000)], 10);
        Assert.Equal(0.25, histogram[TasteBands.Funding(3_000_000) - 1], 10);
    }

    [Fact]
    public void On_planted_data_the_model_reaches_most_of_what_ranking_by_the_true_tastes_achieves()
    {
        var output = Path.Combine(Path.GetTempPath(), "matchmaker-planted-test-" + Guid.NewGuid().ToString("N"), "ranked.csv");
        try
        {
            var report = EvaluateCommand.RunPlanted([11], null, AsOf, pool: 100, poolSeeds: [0], output,
                new TrainerSettings(Trees: 100), new PlantedSettings(Corporates: 50, Startups: 4000));

            var row = ((List<Dictionary<string, object>>)report["generators"]).Single();
            var model = ((Dictionary<string, double>)row["model"])["recall@10"];
            var oracle = ((Dictionary<string, double>)row["oracle"])["recall@10"];
            var jaccard = ((Dictionary<string, double>)row["jaccard"])["recall@10"];
            Assert.True((int)row["corporates"] >= 30, $"only {row["corporates"]} tested corporates");
            Assert.True(model >= 0.8 * oracle, $"model {model} vs oracle {oracle}");
            Assert.True(model > jaccard + 0.1, $"model {model} vs jaccard {jaccard}");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }
    }

    [Fact]
    public void The_planted_generator_is_seeded_and_its_acquirers_follow_their_tastes()
    {
        var a = PlantedHistory.Generate(5, new PlantedSettings(Corporates: 20, Startups: 1500));
        var b = PlantedHistory.Generate(5, new PlantedSettings(Corporates: 20, Startups: 1500));
        var c = PlantedHistory.Generate(6, new PlantedSettings(Corporates: 20, Startups: 1500));

        Assert.Equal(a.AcquisitionsCsv, b.AcquisitionsCsv);
        Assert.NotEqual(a.AcquisitionsCsv, c.AcquisitionsCsv);
        // Acquired startups are in the acquirer's top sectors far more often than the market share of those sectors.
        var rows = a.AcquisitionsCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var inFavourite = rows.Count(r => a.Tastes[r[7]].SectorShares[r[2]] >= 1);
        Assert.True(inFavourite > rows.Count * 0.5, $"{inFavourite} of {rows.Count} acquisitions in a sector the acquirer favours");
    }
}

public class EventSimulationTests(SmallModelFixture small) : IClassFixture<SmallModelFixture>
{
    [Fact]
    public void A_simulated_week_reports_every_day_and_the_oracle_ranks_the_days_requests_best()
    {
        var days = EventSimulation.Run(small.Model, seed: 3, new SimulationSettings(Delegates: 20, Startups: 60, Days: 3));

        Assert.Equal([1, 2, 3], days.Select(d => d.Day));
        Assert.Equal("default", days[0].ServedModel);
        Assert.All(days, d => Assert.True(d.OracleRecallAt10 > d.DefaultRecallAt10, $"day {d.Day}: oracle {d.OracleRecallAt10} vs default {d.DefaultRecallAt10}"));
        Assert.True(days[1].Signals > 0 && days[2].Signals > days[1].Signals);
        Assert.NotNull(days[1].LastNight);
    }

    [Fact]
    public void What_a_delegate_showed_it_wants_at_the_event_becomes_its_history()
    {
        var startups = new Dictionary<string, Matchmaker.Model.Domain.StartupProfile>
        {
            ["a"] = new("A", ["biotech"], "seed", "KOR", "Seoul", ["partnership"], null, null, null, null, 2020, 1_000_000),
            ["b"] = new("B", ["web"], "seed", "USA", "Austin", ["partnership"], null, null, null, null),
            ["c"] = new("C", ["music"], "seed", "USA", "Austin", ["partnership"], null, null, null, null),
        };
        var scout = new EventDelegate("d", new Matchmaker.Model.Domain.DelegateProfile("d", null, "Co", "web", ["web"], ["partnership"], null, null, null, 8, null));
        EventSignal[] signals =
        [
            new("d", "a", new PairSignals(DelegateInvited: true)),
            new("d", "b", new PairSignals(StartupRequested: true, Accepted: true)),
            new("d", "c", new PairSignals(StartupRequested: true, Declined: true)),
        ];

        var view = EventViews.Corporate(scout, startups, signals, new DateOnly(2026, 11, 24));
        var leftOut = EventViews.Corporate(scout, startups, signals, new DateOnly(2026, 11, 24), exceptStartup: "a");

        Assert.Equal([["biotech"], ["web"]], view.History.Select(h => h.Sectors.ToArray()));
        Assert.Equal(6, view.History[0].AgeYearsAtEngagement);
        Assert.Single(leftOut.History);
    }
}

public class TasteReasonTests
{
    [Fact]
    public void A_scout_whose_event_picks_were_biotech_is_told_why_a_biotech_startup_ranks_high()
    {
        // Learned from nothing, every strength would be the cap (no evidence that corporates differ); use moderate ones.
        var context = new RankingContext { SectorPrior = RankingContext.Learn([]).SectorPrior, Strength = new TasteStrengths() };
        var startups = Enumerable.Range(0, 4).ToDictionary(i => $"b{i}",
            i => new Matchmaker.Model.Domain.StartupProfile($"B{i}", ["biotech"], "seed", "USA", "Boston", ["partnership"], null, null, null, null, 2024, 1_500_000));
        var scout = new EventDelegate("d", new Matchmaker.Model.Domain.DelegateProfile("d", null, "Co", "web", ["web"], ["partnership"], null, null, null, 8, null));
        var signals = startups.Keys.Select(id => new EventSignal("d", id, new PairSignals(DelegateInvited: true))).ToList();
        var corporate = new PreparedCorporate(EventViews.Corporate(scout, startups, signals, new DateOnly(2026, 11, 24)), context);
        var candidate = new PreparedCandidate(new CandidateView("new", ["biotech"], new Place("USA", null, "Boston"), "seed", 2024, 1_400_000, []), context);
        var features = new float[PairFeatures.Length];

        PairFeatures.Compute(corporate, candidate, features);
        var reasons = PairReasons.Explain(corporate, candidate, Perspective.CorporateBrowses, null, features);

        Assert.Contains("shares your sectors: biotech", reasons);
        Assert.Contains("raised $1.4M, in the range you usually pick", reasons);
        Assert.Contains("founded 2024, the age of company you usually pick", reasons);
    }
}
