using System.Globalization;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Cli;

namespace Matchmaker.Tests.Ranking;

public class EvaluateTests
{
    [Fact]
    public void Evaluate_writes_a_ranked_csv_whose_recomputed_metrics_equal_the_printed_ones()
    {
        using var data = new SyntheticCrunchbase();
        var output = Path.Combine(data.Directory, "out", "ranked.csv");

        var report = EvaluateCommand.Run(data.Directory, new DateOnly(2011, 1, 1), pool: 20, seeds: [3], output,
            new TrainerSettings(Trees: 30, Leaves: 16, MinRowsPerLeaf: 5, LearningRate: 0.05), includeInvestments: true);

        var printed = (Dictionary<string, double>)((Dictionary<string, object>)report["mean"])["model"];
        var (ndcg, recall, lists) = Recompute(File.ReadAllLines(output));
        Assert.True(lists >= 4, $"only {lists} ranked lists");
        Assert.Equal(printed["ndcg@10"], Math.Round(ndcg, 4));
        Assert.Equal(printed["recall@10"], Math.Round(recall, 4));
    }

    [Fact]
    public void Evaluate_ranks_each_tested_corporate_against_a_pool_of_the_requested_size()
    {
        using var data = new SyntheticCrunchbase();
        var output = Path.Combine(data.Directory, "ranked.csv");

        EvaluateCommand.Run(data.Directory, new DateOnly(2011, 1, 1), pool: 20, seeds: [0], output, new TrainerSettings(Trees: 10, Leaves: 16, MinRowsPerLeaf: 5, LearningRate: 0.05), true);

        var rows = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows.GroupBy(r => r[0]), g =>
        {
            Assert.Equal(20, g.Count());
            Assert.Equal(Enumerable.Range(1, 20), g.Select(r => int.Parse(r[3], CultureInfo.InvariantCulture)).Order());
            Assert.Contains(g, r => r[4] == "1");
        });
    }

    /// <summary>The metrics straight from the CSV, written apart from the product's own code on purpose.</summary>
    private static (double Ndcg, double Recall, int Lists) Recompute(string[] csv)
    {
        var lists = csv.Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[0])
            .Select(g => g.OrderBy(f => int.Parse(f[3], CultureInfo.InvariantCulture)).Select(f => int.Parse(f[4], CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        double ndcg = 0, recall = 0;
        foreach (var labels in lists)
        {
            var positives = labels.Sum();
            double dcg = 0, ideal = 0;
            for (var i = 0; i < 10 && i < labels.Length; i++) dcg += labels[i] / Math.Log(i + 2, 2);
            for (var i = 0; i < Math.Min(10, positives); i++) ideal += 1 / Math.Log(i + 2, 2);
            ndcg += dcg / ideal;
            recall += (double)labels.Take(10).Sum() / positives;
        }
        return (ndcg / lists.Count, recall / lists.Count, lists.Count);
    }
}
