using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.Trainers.FastTree;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// The trained trees copied out of the ML.NET model into one flat node array. Scoring walks it
/// directly: same arithmetic as ML.NET's own evaluator (a value ≤ threshold goes left, leaf values
/// summed in double then rounded to float), without building a data view per request, and safe to
/// share across threads because nothing in it is mutable.
/// </summary>
internal sealed class TreeEnsembleScorer
{
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    private readonly Node[] nodes;
    private readonly int[] roots;
    private readonly double[] leaves;
    private readonly double bias;

    public TreeEnsembleScorer(RegressionTreeEnsemble ensemble)
    {
        bias = ensemble.Bias;
        var nodeList = new List<Node>();
        var leafList = new List<double>();
        var rootList = new List<int>();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(flag => flag))
                throw new NotSupportedException("Categorical splits are not used by the ranking features.");
            var nodeOffset = nodeList.Count;
            var leafOffset = leafList.Count;
            var weight = ensemble.TreeWeights[t];
            leafList.AddRange(tree.LeafValues.Select(v => v * weight));
            if (tree.NumberOfNodes == 0)
            {
                rootList.Add(~leafOffset); // a single-leaf tree
                continue;
            }
            rootList.Add(nodeOffset);
            // Children: ≥ 0 is a node of this tree, < 0 is ~leaf; both shifted into the shared arrays.
            int Shift(int child) => child >= 0 ? child + nodeOffset : ~(~child + leafOffset);
            for (var n = 0; n < tree.NumberOfNodes; n++)
                nodeList.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n], Shift(tree.LeftChild[n]), Shift(tree.RightChild[n])));
        }
        nodes = [.. nodeList];
        leaves = [.. leafList];
        roots = [.. rootList];
        foreach (var node in nodes)
            if (node.Feature < 0 || node.Feature >= PairFeatures.Length || node.Left >= nodes.Length || node.Right >= nodes.Length
                || ~node.Left >= leaves.Length || ~node.Right >= leaves.Length)
                throw new InvalidDataException("The ranker's trees do not fit this build's feature vector.");
    }

    public int TreeCount => roots.Length;

    /// <summary>Scores many rows (row-major). Interleaving rows per tree measured slower here (branchy), so one row at a time.</summary>
    public void Score(ReadOnlySpan<float> rows, Span<float> scores)
    {
        var width = PairFeatures.Length;
        if (rows.Length < scores.Length * width) throw new ArgumentException("Fewer feature rows than scores.", nameof(rows));
        for (var i = 0; i < scores.Length; i++) scores[i] = Score(rows.Slice(i * width, width));
    }

    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length < PairFeatures.Length) throw new ArgumentException($"A feature row has {PairFeatures.Length} values.", nameof(features));
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(nodes);
        ref var feature0 = ref MemoryMarshal.GetReference(features);
        var sum = bias;
        foreach (var root in roots)
        {
            var index = root;
            while (index >= 0)
            {
                // Indexes were validated when the trees were copied; skipping bounds checks here is the hot loop.
                ref readonly var node = ref Unsafe.Add(ref node0, index);
                index = Unsafe.Add(ref feature0, node.Feature) <= node.Threshold ? node.Left : node.Right;
            }
            sum += leaves[~index];
        }
        return (float)sum;
    }
}
