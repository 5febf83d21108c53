using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

/// <summary>One small model trained once for the tests that only read it.</summary>
public sealed class SmallModelFixture : IDisposable
{
    public SmallModelFixture()
    {
        Data = CrunchbaseData.Load(Folder.Directory);
        Model = CrunchbaseTraining.Train(Data, Split, new TrainerSettings(Trees: 30, Leaves: 16, MinRowsPerLeaf: 5, LearningRate: 0.05), "synthetic");
    }

    public static readonly DateOnly Split = new(2011, 1, 1);
    public SyntheticCrunchbase Folder { get; } = new();
    public CrunchbaseData Data { get; }
    public RankingModel Model { get; }

    public void Dispose() => Folder.Dispose();
}

public class RankingModelTests(SmallModelFixture small) : IClassFixture<SmallModelFixture>
{
    private static CandidateView Startup(string id, string sector, Place place) => new(id, [sector], place, "seed", 2009, 1_000_000, []);

    [Fact]
    public void A_model_trained_on_a_small_slice_ranks_a_planted_positive_above_negatives()
    {
        // corp-0 mostly buys semiconductor startups in SF Bay (see SyntheticCrunchbase).
        var corporate = small.Data.Corporate("/company/corp-0", SmallModelFixture.Split);
        var sf = new Place("USA", "SF Bay", "San Francisco");
        var berlin = new Place("DEU", "Berlin", "Berlin");
        var planted = Startup("planted", "semiconductor", sf);
        RankingPair[] pairs =
        [
            new(corporate, Startup("n1", "games_video", berlin)), new(corporate, planted), new(corporate, Startup("n2", "biotech", berlin)),
            new(corporate, Startup("n3", "health", berlin)), new(corporate, Startup("n4", "web", berlin)),
        ];

        var scores = small.Model.Score(pairs);

        var plantedScore = scores[1].Score;
        Assert.All(scores.Where((_, i) => i != 1), s => Assert.True(plantedScore > s.Score, $"planted {plantedScore} vs {s.Score}"));
        Assert.Contains("shares your sectors: semiconductor", scores[1].Reasons);
    }

    [Fact]
    public void Batch_scores_equal_ml_net_transform_scores()
    {
        var corporate = new PreparedCorporate(small.Data.Corporate("/company/corp-1", SmallModelFixture.Split), small.Model.Context);
        var rows = small.Data.Companies.Keys.Take(61).Select(id =>
        {
            var features = new float[PairFeatures.Length];
            PairFeatures.Compute(corporate, new PreparedCandidate(small.Data.Candidate(id, SmallModelFixture.Split), small.Model.Context), features);
            return features;
        }).ToList();

        var mlNet = small.Model.ScoreWithMlNet(rows);
        var single = rows.Select(r => small.Model.ScoreFeatures(r)).ToList();
        var batch = new float[rows.Count];
        small.Model.ScoreFeatures(rows.SelectMany(r => r).ToArray(), batch);

        Assert.Equal(mlNet.Length, single.Count);
        for (var i = 0; i < single.Count; i++) Assert.Equal(mlNet[i], single[i], 4);
        Assert.Equal(single, batch);
        Assert.True(single.Distinct().Count() > 1, "a constant model would make this comparison meaningless");
    }

    [Fact]
    public void A_saved_and_loaded_model_scores_exactly_like_the_original()
    {
        var pairs = Pairs(200);
        using var blob = new MemoryStream();
        small.Model.Save(blob);
        blob.Position = 0;

        var loaded = RankingModel.Load(blob);

        Assert.Equal(small.Model.Score(pairs).Select(s => s.Score), loaded.Score(pairs).Select(s => s.Score));
        Assert.Equal(small.Model.Score(pairs).Select(s => s.Score), loaded.ScoreOnly(pairs));
        Assert.Equal(small.Model.Info.Ranker, loaded.Info.Ranker);
    }

    [Fact]
    public void Scoring_from_many_threads_at_once_gives_the_single_thread_results()
    {
        var pairs = Pairs(300);
        var expected = small.Model.Score(pairs).Select(s => s.Score).ToArray();

        var results = new float[8][];
        Parallel.For(0, 8, t => results[t] = [.. small.Model.Score(pairs).Select(s => s.Score)]);

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private List<RankingPair> Pairs(int count)
    {
        var corporates = small.Data.Engagements.Select(e => e.CorporateId).Distinct().Select(id => small.Data.Corporate(id, SmallModelFixture.Split)).ToList();
        var candidates = small.Data.Engagements.Select(e => e.TargetId).Distinct().Select(id => small.Data.Candidate(id, SmallModelFixture.Split)).ToList();
        return [.. Enumerable.Range(0, count).Select(i => new RankingPair(corporates[i % corporates.Count], candidates[i * 7 % candidates.Count]))];
    }
}
