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

    [Fact]
    public void An_oracle_file_from_outside_ranks_the_pools_exactly_as_the_built_in_oracle()
    {
        var split = new DateOnly(2011, 1, 1);
        var planted = PlantedHistory.Generate(3, new PlantedSettings(Corporates: 30, Startups: 2000));
        var directory = Path.Combine(Path.GetTempPath(), "matchmaker-oracle-test-" + Guid.NewGuid().ToString("N"));
        planted.Write(directory);
        try
        {
            // What an outside generator writes: every test corporate against every target of the test period.
            var data = CrunchbaseData.Load(directory, includeInvestments: false);
            var targets = data.Engagements.Where(e => e.Date >= split).Select(e => e.TargetId).Distinct().ToList();
            var lines = new List<string> { "corporate,candidate,score" };
            foreach (var (corporate, _) in TemporalEvaluation.TestCorporates(data, split))
                lines.AddRange(targets.Select(t => string.Create(CultureInfo.InvariantCulture, $"{corporate},{t},{planted.Taste(corporate, data.Candidate(t, split), split):R}")));
            var oracleFile = Path.Combine(directory, "oracle.csv");
            File.WriteAllLines(oracleFile, lines);
            var settings = new TrainerSettings(Trees: 10, Leaves: 4, MinRowsPerLeaf: 20);

            var fromFile = EvaluateCommand.Run(directory, split, pool: 50, seeds: [0], Path.Combine(directory, "a.csv"), settings, false,
                oracle: OracleScores.Load(oracleFile).Score);
            var builtIn = EvaluateCommand.Run(directory, split, pool: 50, seeds: [0], Path.Combine(directory, "b.csv"), settings, false,
                oracle: (corporate, candidate) => planted.Taste(corporate, candidate, split));

            var oracleOf = (Dictionary<string, object> report) => (Dictionary<string, double>)((Dictionary<string, object>)report["mean"])["oracle"];
            Assert.True(oracleOf(builtIn)["recall@10"] > 0.2, $"oracle recall {oracleOf(builtIn)["recall@10"]}");
            Assert.Equal(oracleOf(builtIn), oracleOf(fromFile));
            Assert.Equal(builtIn["model_share_of_oracle_recall@10"], fromFile["model_share_of_oracle_recall@10"]);

            // --planted-folders: the folder's own oracle.csv, one row per folder.
            var folders = EvaluateCommand.RunPlantedFolders([directory], split, pool: 50, poolSeeds: [0], Path.Combine(directory, "c.csv"), settings);
            var row = ((List<Dictionary<string, object>>)folders["generators"]).Single();
            Assert.Equal(Path.GetFileName(directory), row["folder"]);
            Assert.Equal(builtIn["model_share_of_oracle_recall@10"], row["model_share_of_oracle_recall@10"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_bad_oracle_file_names_the_line_and_a_missing_pair_names_the_pair()
    {
        var directory = Path.Combine(Path.GetTempPath(), "matchmaker-oracle-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var bad = Path.Combine(directory, "oracle.csv");
            File.WriteAllLines(bad, ["corporate,candidate,score", "/company/a,/company/x,0.5", "/company/a,/company/y,high"]);
            var error = Assert.Throws<DataFormatException>(() => OracleScores.Load(bad));
            Assert.Equal("oracle.csv, line 3, column 'score': 'high' is not a number.", error.Message);

            File.WriteAllLines(bad, ["corporate,candidate,score", "/company/a,/company/x,0.5"]);
            var scores = OracleScores.Load(bad);
            Assert.Equal(0.5, scores.Score("/company/a", "/company/x"));
            var missing = Assert.Throws<DataFormatException>(() => scores.Score("/company/a", "/company/z"));
            Assert.Contains("no score for corporate /company/a and candidate /company/z", missing.Message);

            File.WriteAllLines(bad, ["corporate,score", "/company/a,0.5"]);
            Assert.Equal("oracle.csv, line 1, column 'candidate': missing column.", Assert.Throws<DataFormatException>(() => OracleScores.Load(bad)).Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
