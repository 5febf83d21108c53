using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Matchmaker.Model.Ranking;

/// <summary>Which ML.NET learning-to-rank trainer produced a model.</summary>
public enum RankerKind { LightGbm, FastTree }

/// <summary>What a model is, for the people and the code that pick one.</summary>
public sealed record ModelInfo(
    RankerKind Ranker,
    string TrainedOn,
    int Groups,
    int Rows,
    DateTimeOffset Created,
    int FeatureVersion);

/// <summary>One training row as ML.NET reads it.</summary>
internal sealed class FeatureRow
{
    public float Label { get; set; }
    public uint GroupId { get; set; }
    [VectorType(PairFeatures.Length)] public float[] Features { get; set; } = [];
}

internal sealed class ScoreRow
{
    public float Score { get; set; }
}

/// <summary>
/// A trained ranking model: the ML.NET ranker plus the learned statistics its features need. Saved and
/// loaded as one zip (store it as a blob). Immutable once built, so one instance serves every thread.
/// </summary>
public sealed class RankingModel
{
    public const int FeatureVersion = 2;

    private readonly byte[] mlNetModel;
    private readonly TreeEnsembleScorer trees;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CorporateView, PreparedCorporate> preparedCorporates = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CandidateView, PreparedCandidate> preparedCandidates = [];

    internal RankingModel(RankingContext context, byte[] mlNetModel, ModelInfo info)
    {
        Context = context;
        Info = info;
        this.mlNetModel = mlNetModel;
        var ensemble = ReadEnsemble(mlNetModel);
        trees = new TreeEnsembleScorer(ensemble);
        FeatureGain = GainShares(ensemble);
    }

    public RankingContext Context { get; }

    /// <summary>Each feature's share of the total split gain of the trees: what the model leans on.</summary>
    public IReadOnlyDictionary<string, double> FeatureGain { get; }

    private static Dictionary<string, double> GainShares(RegressionTreeEnsemble ensemble)
    {
        var gains = new double[PairFeatures.Length];
        foreach (var tree in ensemble.Trees)
            for (var n = 0; n < tree.NumberOfNodes; n++) gains[tree.NumericalSplitFeatureIndexes[n]] += tree.SplitGains[n];
        var total = gains.Sum();
        return PairFeatures.Names.Select((name, i) => (name, share: total == 0 ? 0 : gains[i] / total))
            .OrderByDescending(p => p.share).ToDictionary(p => p.name, p => Math.Round(p.share, 3));
    }

    public ModelInfo Info { get; }

    /// <summary>Scores pairs in one batch, with reasons. Scores compare only within one browsing party.</summary>
    public IReadOnlyList<PairScore> Score(IReadOnlyList<RankingPair> pairs) => Score(pairs, withReasons: true);

    /// <summary>Scores only, the throughput path (the batch scores every pair of an event; reasons are needed only for what is shown).</summary>
    public float[] ScoreOnly(IReadOnlyList<RankingPair> pairs)
    {
        var prepared = Prepare(pairs);
        var scores = new float[pairs.Count];
        ForEachChunk(pairs.Count, (from, to) =>
        {
            const int block = 256;
            var rows = new float[block * PairFeatures.Length];
            for (var start = from; start < to; start += block)
            {
                var n = Math.Min(block, to - start);
                for (var i = 0; i < n; i++)
                    PairFeatures.Compute(prepared[start + i].Corporate, prepared[start + i].Candidate, rows.AsSpan(i * PairFeatures.Length, PairFeatures.Length));
                trees.Score(rows, scores.AsSpan(start, n));
            }
        });
        return scores;
    }

    /// <summary>
    /// Every corporate against every candidate, row-major (corporate × candidate), scores only. A pair is scored
    /// once: the feature vector does not depend on who browses, so both directions of a match table share it.
    /// Prepared profiles are remembered per view, so an incremental rebuild that passes the views of the previous
    /// table again prepares only the changed ones.
    /// </summary>
    public float[] ScoreGrid(IReadOnlyList<CorporateView> corporates, IReadOnlyList<CandidateView> candidates)
    {
        var rows = corporates.Select(view => preparedCorporates.GetValue(view, v => new PreparedCorporate(v, Context))).ToArray();
        var columns = candidates.Select(view => preparedCandidates.GetValue(view, v => new PreparedCandidate(v, Context))).ToArray();
        var scores = new float[rows.Length * columns.Length];
        ForEachChunk(scores.Length, (from, to) =>
        {
            const int block = 256;
            var features = new float[block * PairFeatures.Length];
            for (var start = from; start < to; start += block)
            {
                var n = Math.Min(block, to - start);
                for (var i = 0; i < n; i++)
                {
                    var cell = start + i;
                    PairFeatures.Compute(rows[cell / columns.Length], columns[cell % columns.Length], features.AsSpan(i * PairFeatures.Length, PairFeatures.Length));
                }
                trees.Score(features.AsSpan(0, n * PairFeatures.Length), scores.AsSpan(start, n));
            }
        });
        return scores;
    }

    /// <summary>
    /// Chosen pairs only, scores only: corporate <c>r</c>'s pairs are the candidates <c>column[rowStart[r]..rowStart[r + 1]]</c>
    /// (compressed rows), so a large event scores its candidate pairs instead of every pair. Each score equals what
    /// <see cref="ScoreGrid"/> gives the same pair.
    /// </summary>
    public float[] ScorePairs(IReadOnlyList<CorporateView> corporates, IReadOnlyList<CandidateView> candidates, int[] rowStart, int[] column)
    {
        var rows = corporates.Select(view => preparedCorporates.GetValue(view, v => new PreparedCorporate(v, Context))).ToArray();
        var columns = candidates.Select(view => preparedCandidates.GetValue(view, v => new PreparedCandidate(v, Context))).ToArray();
        var scores = new float[column.Length];
        ForEachChunk(scores.Length, (from, to) =>
        {
            const int block = 256;
            var features = new float[block * PairFeatures.Length];
            // The row of the chunk's first pair, then walked forward with the pairs.
            var row = Array.BinarySearch(rowStart, from);
            row = row >= 0 ? row : ~row - 1;
            for (var start = from; start < to; start += block)
            {
                var n = Math.Min(block, to - start);
                for (var i = 0; i < n; i++)
                {
                    var cell = start + i;
                    while (rowStart[row + 1] <= cell) row++;
                    PairFeatures.Compute(rows[row], columns[column[cell]], features.AsSpan(i * PairFeatures.Length, PairFeatures.Length));
                }
                trees.Score(features.AsSpan(0, n * PairFeatures.Length), scores.AsSpan(start, n));
            }
        });
        return scores;
    }

    /// <summary>Reasons for one pair, from the same feature vector its score came from.</summary>
    public IReadOnlyList<string> Explain(RankingPair pair)
    {
        // A list's reasons explain many pairs of one browsing party: prepare each (immutable) view once.
        var corporate = preparedCorporates.GetValue(pair.Corporate, view => new PreparedCorporate(view, Context));
        var candidate = preparedCandidates.GetValue(pair.Candidate, view => new PreparedCandidate(view, Context));
        var features = new float[PairFeatures.Length];
        PairFeatures.Compute(corporate, candidate, features);
        return PairReasons.Explain(corporate, candidate, pair.Perspective, pair.Signals, features);
    }

    /// <summary>
    /// Profiles are prepared once per distinct view (by reference), then pairs are scored in parallel
    /// chunks, each with its own feature buffer: no shared mutable state, so concurrent calls are safe.
    /// </summary>
    private PairScore[] Score(IReadOnlyList<RankingPair> pairs, bool withReasons)
    {
        var prepared = Prepare(pairs);
        var results = new PairScore[pairs.Count];
        ForEachChunk(pairs.Count, (from, to) =>
        {
            Span<float> features = stackalloc float[PairFeatures.Length];
            for (var i = from; i < to; i++)
            {
                var (corporate, candidate) = prepared[i];
                PairFeatures.Compute(corporate, candidate, features);
                var score = trees.Score(features);
                results[i] = new PairScore(score, withReasons ? PairReasons.Explain(corporate, candidate, pairs[i].Perspective, pairs[i].Signals, features) : []);
            }
        });
        return results;
    }

    private static void ForEachChunk(int count, Action<int, int> body)
    {
        const int chunk = 8192;
        Parallel.For(0, (count + chunk - 1) / chunk, c => body(c * chunk, Math.Min(count, (c + 1) * chunk)));
    }

    private (PreparedCorporate Corporate, PreparedCandidate Candidate)[] Prepare(IReadOnlyList<RankingPair> pairs)
    {
        var corporates = new Dictionary<CorporateView, PreparedCorporate>(ReferenceEqualityComparer.Instance);
        var candidates = new Dictionary<CandidateView, PreparedCandidate>(ReferenceEqualityComparer.Instance);
        var prepared = new (PreparedCorporate, PreparedCandidate)[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            if (!corporates.TryGetValue(pair.Corporate, out var corporate))
                corporates[pair.Corporate] = corporate = new PreparedCorporate(pair.Corporate, Context);
            if (!candidates.TryGetValue(pair.Candidate, out var candidate))
                candidates[pair.Candidate] = candidate = new PreparedCandidate(pair.Candidate, Context);
            prepared[i] = (corporate, candidate);
        }
        return prepared;
    }

    /// <summary>Scores precomputed feature rows (row-major, <see cref="PairFeatures.Length"/> per row) without reasons: the throughput path.</summary>
    public void ScoreFeatures(ReadOnlySpan<float> rows, Span<float> scores) => trees.Score(rows, scores);

    public float ScoreFeatures(ReadOnlySpan<float> features) => trees.Score(features);

    public int TreeCount => trees.TreeCount;

    /// <summary>The same rows scored by ML.NET's own Transform, to prove the fast path agrees with it.</summary>
    public float[] ScoreWithMlNet(IEnumerable<float[]> rows)
    {
        var ml = new MLContext(seed: 0);
        using var stream = new MemoryStream(mlNetModel);
        var transformer = ml.Model.Load(stream, out _);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new FeatureRow { Features = r }));
        return [.. ml.Data.CreateEnumerable<ScoreRow>(transformer.Transform(data), reuseRowObject: false).Select(r => r.Score)];
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry("mlnet-ranker.zip", CompressionLevel.NoCompression).Open())
            entry.Write(mlNetModel);
        using (var entry = zip.CreateEntry("context.json", CompressionLevel.Optimal).Open())
            JsonSerializer.Serialize(entry, Context);
        using (var entry = zip.CreateEntry("info.json", CompressionLevel.Optimal).Open())
            JsonSerializer.Serialize(entry, Info, Json);
        using (var entry = zip.CreateEntry("features.json", CompressionLevel.Optimal).Open())
            JsonSerializer.Serialize(entry, PairFeatures.Names);
    }

    public static RankingModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var info = Read<ModelInfo>(zip, "info.json");
        if (info.FeatureVersion != FeatureVersion)
            throw new InvalidDataException($"The model was built for feature version {info.FeatureVersion}; this build computes version {FeatureVersion}. Retrain it.");
        var context = Read<RankingContext>(zip, "context.json");
        using var model = new MemoryStream();
        using (var entry = (zip.GetEntry("mlnet-ranker.zip") ?? throw new InvalidDataException("The model has no mlnet-ranker.zip entry.")).Open())
            entry.CopyTo(model);
        return new RankingModel(context, model.ToArray(), info);
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        Save(file);
    }

    public static RankingModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static T Read<T>(ZipArchive zip, string name)
    {
        using var entry = (zip.GetEntry(name) ?? throw new InvalidDataException($"The model has no {name} entry.")).Open();
        return JsonSerializer.Deserialize<T>(entry, Json) ?? throw new InvalidDataException($"The model's {name} is empty.");
    }

    private static RegressionTreeEnsemble ReadEnsemble(byte[] mlNetModel)
    {
        var ml = new MLContext(seed: 0);
        using var stream = new MemoryStream(mlNetModel);
        var transformer = ml.Model.Load(stream, out _);
        var last = transformer is TransformerChain<ITransformer> chain ? chain.LastTransformer : transformer;
        return last is IPredictionTransformer<object> { Model: TreeEnsembleModelParametersBasedOnRegressionTree ensemble }
            ? ensemble.TrainedTreeEnsemble
            : throw new InvalidDataException($"The ranker is a {last.GetType().Name}, not a tree ensemble.");
    }
}
