using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Matchmaker.Model.Ranking;

/// <summary>One ranked list to learn from: a browsing party's candidates with graded relevance.</summary>
public sealed record TrainingGroup(IReadOnlyList<float[]> Features, IReadOnlyList<float> Labels);

/// <summary>
/// Settings of the learner. Small trees (4 leaves, ≥ 500 rows each) and slow shrinkage (0.02) were chosen on a
/// validation split inside the training years (engagements before 2011, split 2009 and 2010; docs/ranking.md),
/// never on the test split: larger trees fit the training years' lists and generalise worse.
/// </summary>
public sealed record TrainerSettings(
    RankerKind Ranker = RankerKind.LightGbm,
    int Trees = 200,
    int Leaves = 4,
    int MinRowsPerLeaf = 500,
    double LearningRate = 0.02,
    int SamplingSeed = 0,
    double? FeatureFraction = null,
    double? L2Regularization = null);

/// <summary>Fits an ML.NET learning-to-rank model (group = the browsing party) with a fixed seed.</summary>
public static class RankingTrainer
{
    public static RankingModel Train(IReadOnlyList<TrainingGroup> groups, RankingContext context, TrainerSettings settings, string trainedOn)
    {
        if (groups.Count == 0) throw new ArgumentException("Nothing to learn from: no training groups.", nameof(groups));
        var ml = new MLContext(seed: 0);
        var rows = new List<FeatureRow>();
        for (var g = 0; g < groups.Count; g++)
            for (var i = 0; i < groups[g].Features.Count; i++)
                rows.Add(new FeatureRow { Label = groups[g].Labels[i], GroupId = (uint)g, Features = groups[g].Features[i] });

        var data = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey(nameof(FeatureRow.GroupId)).Fit(data).Transform(data);
        ITransformer ranker = settings.Ranker switch
        {
            RankerKind.LightGbm => ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
            {
                LabelColumnName = nameof(FeatureRow.Label),
                FeatureColumnName = nameof(FeatureRow.Features),
                RowGroupColumnName = nameof(FeatureRow.GroupId),
                NumberOfIterations = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf,
                LearningRate = settings.LearningRate,
                Seed = 0,
                NumberOfThreads = 1, // one thread makes the trees bit-for-bit reproducible
                Booster = Booster(settings),
            }).Fit(keyed),
            _ => ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
            {
                LabelColumnName = nameof(FeatureRow.Label),
                FeatureColumnName = nameof(FeatureRow.Features),
                RowGroupColumnName = nameof(FeatureRow.GroupId),
                NumberOfTrees = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf,
                LearningRate = settings.LearningRate,
                NumberOfThreads = 1,
            }).Fit(keyed),
        };

        using var stream = new MemoryStream();
        ml.Model.Save(ranker, data.Schema, stream);
        var info = new ModelInfo(settings.Ranker, trainedOn, groups.Count, rows.Count, DateTimeOffset.UtcNow, RankingModel.FeatureVersion);
        return new RankingModel(context, stream.ToArray(), info);
    }

    /// <summary>The library's booster unless a regularisation setting is given (null = LightGbm's own default).</summary>
    private static GradientBooster.Options Booster(TrainerSettings settings)
    {
        var booster = new GradientBooster.Options();
        if (settings.FeatureFraction is { } fraction) booster.FeatureFraction = fraction;
        if (settings.L2Regularization is { } l2) booster.L2Regularization = l2;
        return booster;
    }
}
