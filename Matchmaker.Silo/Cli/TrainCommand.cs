using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Silo.Cli;

/// <summary><c>train</c>: Crunchbase-format engagement history → ranking model zip. No host, no storage.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with companies.csv, acquisitions.csv and optionally company_investments.csv.", DefaultValueFactory = _ => new DirectoryInfo("data/crunchbase-2013") };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write.", DefaultValueFactory = _ => new FileInfo("models/default-ranking.zip") };
        var before = new Option<string?>("--before") { Description = "Learn only from engagements before this date (YYYY-MM-DD); default: all." };
        var ranker = new Option<RankerKind>("--ranker") { Description = "LightGbm (LambdaRank) or FastTree.", DefaultValueFactory = _ => RankerKind.LightGbm };
        var noInvestments = new Option<bool>("--no-investments") { Description = "Ignore company_investments.csv even when present." };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds (trees).", DefaultValueFactory = _ => new TrainerSettings().Trees };
        var learningRate = new Option<double>("--learning-rate") { Description = "Shrinkage per tree.", DefaultValueFactory = _ => new TrainerSettings().LearningRate };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree.", DefaultValueFactory = _ => new TrainerSettings().Leaves };
        var minRows = new Option<int>("--min-rows-per-leaf") { Description = "Fewest training rows in a leaf.", DefaultValueFactory = _ => new TrainerSettings().MinRowsPerLeaf };
        var command = new Command("train", "Train the ranking model from Crunchbase-format engagement history.") { data, output, before, ranker, noInvestments, trees, learningRate, leaves, minRows };
        command.SetAction(result =>
        {
            try
            {
                var cutoff = ParseDate(result.GetValue(before)) ?? DateOnly.MaxValue;
                var watch = Stopwatch.StartNew();
                var history = CrunchbaseData.Load(CliPaths.Resolve(result.GetValue(data)!.ToString()), !result.GetValue(noInvestments));
                var load = watch.Elapsed.TotalSeconds;
                var trainedOn = $"{result.GetValue(data)!.Name}, {history.Engagements.Count(e => e.Date < cutoff)} engagements" + (cutoff == DateOnly.MaxValue ? "" : $" before {cutoff:yyyy-MM-dd}");
                var model = CrunchbaseTraining.Train(history, cutoff, new TrainerSettings(result.GetValue(ranker), Trees: result.GetValue(trees),
                    Leaves: result.GetValue(leaves), MinRowsPerLeaf: result.GetValue(minRows), LearningRate: result.GetValue(learningRate)), trainedOn);
                var file = new FileInfo(CliPaths.Resolve(result.GetValue(output)!.ToString()));
                model.Save(file.FullName);
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = file.FullName,
                    bytes = new FileInfo(file.FullName).Length,
                    ranker = model.Info.Ranker.ToString(),
                    trained_on = trainedOn,
                    groups = model.Info.Groups,
                    rows = model.Info.Rows,
                    load_seconds = Math.Round(load, 2),
                    training_seconds = Math.Round(watch.Elapsed.TotalSeconds - load, 2),
                }));
                return 0;
            }
            catch (Exception e) when (e is DataFormatException or FormatException or IOException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    internal static DateOnly? ParseDate(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new FormatException($"'{text}' is not a date (YYYY-MM-DD).");
}
