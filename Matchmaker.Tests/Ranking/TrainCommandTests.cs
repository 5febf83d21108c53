using Matchmaker.Model.Domain;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Cli;

namespace Matchmaker.Tests.Ranking;

public class TrainCommandTests
{
    [Fact]
    public async Task The_train_verb_writes_a_model_that_loads_and_scores()
    {
        using var data = new SyntheticCrunchbase();
        var output = Path.Combine(data.Directory, "model.zip");

        var exit = await MatchmakerCommandLine.Create().Parse(["train", "--data", data.Directory, "--out", output, "--trees", "20"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var model = RankingModel.Load(output);
        Assert.Equal(20, model.TreeCount);
        var corporate = CorporateView.FromDelegate("d", new DelegateProfile("d", null, "Co", "web", ["web"], ["partnership"], null, null, null, 8, null), DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Single(model.Score([new RankingPair(corporate, new CandidateView("s", ["web"], Place.Unknown, null, null, null, []))]));
    }

    [Fact]
    public async Task The_train_verb_names_the_bad_file_line_and_column_and_fails()
    {
        using var data = new SyntheticCrunchbase();
        var path = Path.Combine(data.Directory, "companies.csv");
        var lines = File.ReadAllLines(path);
        lines[1] = lines[1].Replace(",1990,", ",nineteen-ninety,", StringComparison.Ordinal); // corp-0, line 2
        File.WriteAllLines(path, lines);
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var exit = await MatchmakerCommandLine.Create().Parse(["train", "--data", data.Directory, "--out", Path.Combine(data.Directory, "m.zip")]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(1, exit);
        }
        finally { Console.SetError(original); }
        Assert.Contains("companies.csv, line 2, column 'founded_year'", error.ToString());
    }

    [Fact]
    public void The_default_model_in_the_repository_loads_and_ranks_a_matching_startup_above_an_unrelated_one()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Matchmaker.sln"))) root = Path.GetDirectoryName(root);
        Assert.NotNull(root);
        var model = RankingModel.Load(Path.Combine(root, "models", "default-ranking.zip"));
        var scout = CorporateView.FromDelegate("d", new DelegateProfile("Ana", null, "Chipmaker", "semiconductor", ["semiconductor", "hardware"],
            ["partnership"], null, null, ["KOR"], 8, null, "KOR", "Seoul"), new DateOnly(2026, 11, 24));
        var matching = new CandidateView("a", ["semiconductor"], new Place("KOR", null, "Seoul"), "seed", 2022, 1_000_000, ["partnership"]);
        var unrelated = new CandidateView("b", ["fashion"], new Place("BRA", null, "Recife"), "seed", 2022, 1_000_000, ["partnership"]);

        var scores = model.Score([new RankingPair(scout, matching), new RankingPair(scout, unrelated)]);

        Assert.True(scores[0].Score > scores[1].Score, $"{scores[0].Score} vs {scores[1].Score}");
        Assert.Contains("shares your sectors: semiconductor", scores[0].Reasons);
    }
}
