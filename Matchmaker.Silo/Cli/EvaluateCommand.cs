using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Silo.Cli;

/// <summary>
/// <c>evaluate</c>: the temporal hold-out of design.md § Ranking. Prints JSON metrics for the model and
/// the two sector baselines and writes every ranked list as CSV. No host, no storage.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with companies.csv, acquisitions.csv and optionally company_investments.csv.", DefaultValueFactory = _ => new DirectoryInfo("data/crunchbase-2013") };
        var split = new Option<string>("--split") { Description = "Train before this date, test from it (YYYY-MM-DD).", DefaultValueFactory = _ => "2011-01-01" };
        var pool = new Option<int>("--pool") { Description = "Candidates per corporate: its later targets plus random other later targets.", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Pool seed.", DefaultValueFactory = _ => 0 };
        var seeds = new Option<string?>("--seeds") { Description = "Several pool seeds, e.g. 0,1,2,3,4: metrics per seed and their mean; one CSV per seed (ranked.seedN.csv)." };
        var output = new Option<FileInfo>("--out") { Description = "Ranked lists as CSV: corporate,candidate,score,rank,label.", DefaultValueFactory = _ => new FileInfo("ranked.csv") };
        var ranker = new Option<RankerKind>("--ranker") { Description = "LightGbm (LambdaRank) or FastTree.", DefaultValueFactory = _ => RankerKind.LightGbm };
        var noInvestments = new Option<bool>("--no-investments") { Description = "Ignore company_investments.csv even when present." };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds (trees).", DefaultValueFactory = _ => new TrainerSettings().Trees };
        var learningRate = new Option<double>("--learning-rate") { Description = "Shrinkage per tree.", DefaultValueFactory = _ => new TrainerSettings().LearningRate };
        var throughput = new Option<int>("--throughput") { Description = "Also time batch scoring of this many pairs.", Hidden = true };
        var planted = new Option<string?>("--planted") { Description = "Instead of --data: planted histories of these generator seeds (e.g. 0-9 or 3,7), each evaluated with the oracle that ranks by the planted tastes." };
        var samplingSeed = new Option<int>("--sampling-seed") { Description = "Seed of the training lists' negative sampling (to measure how much the figures move with it).", Hidden = true };
        var sectorMass = new Option<string?>("--planted-sector-mass") { Description = "Share of a planted corporate's picks in its favourite sectors, as a range (default 0.55-0.9); lower makes place, funding and age matter more." };
        var simulate = new Option<string?>("--simulate-event") { Description = "Instead of --data: simulated event weeks of these seeds (e.g. 0-4), ranked each morning by the default model and by the nightly retrained one." };
        var modelFile = new Option<FileInfo>("--model") { Description = "The default model the simulated event starts from.", DefaultValueFactory = _ => new FileInfo("models/default-ranking.zip") };
        var plantedDir = new Option<DirectoryInfo?>("--planted-dir") { Description = "Keep the generated Crunchbase-format folders here (one per generator seed) instead of a temporary folder." };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree.", DefaultValueFactory = _ => new TrainerSettings().Leaves };
        var minRows = new Option<int>("--min-rows-per-leaf") { Description = "Fewest training rows in a leaf.", DefaultValueFactory = _ => new TrainerSettings().MinRowsPerLeaf };
        var featureFraction = new Option<double?>("--feature-fraction") { Description = "Share of the features each tree may split on (LightGbm; default the library's)." };
        var l2 = new Option<double?>("--l2") { Description = "L2 regularisation of leaf values (LightGbm; default the library's)." };
        var until = new Option<string?>("--until") { Description = "Drop every engagement on or after this date first (YYYY-MM-DD): with an earlier --split, a validation split inside the training years." };
        var oracleFile = new Option<FileInfo?>("--oracle") { Description = "With --data: a corporate,candidate,score CSV of the planted tastes (from a generator outside the project, e.g. tools/blind_planted.py), ranked as the method oracle." };
        var plantedFolders = new Option<DirectoryInfo[]>("--planted-folders") { Description = "Instead of --data: folders each holding Crunchbase-format files and an oracle.csv (e.g. from tools/blind_planted.py), evaluated like --planted.", AllowMultipleArgumentsPerToken = true };
        var retrainLearner = new Option<string?>("--retrain-learner") { Description = "The nightly retraining's trees,leaves,min-rows-per-leaf in the simulated event (e.g. 100,16,5).", Hidden = true };
        var command = new Command("evaluate", "Temporal hold-out evaluation of the ranking model against Jaccard and weighted cosine.")
        {
            data, split, pool, seed, seeds, output, ranker, noInvestments, trees, learningRate, throughput, planted, plantedDir, simulate, modelFile, sectorMass, samplingSeed,
            leaves, minRows, featureFraction, l2, until, retrainLearner, oracleFile, plantedFolders,
        };
        command.SetAction(result =>
        {
            try
            {
                var settings = new TrainerSettings(result.GetValue(ranker), Trees: result.GetValue(trees), Leaves: result.GetValue(leaves),
                    MinRowsPerLeaf: result.GetValue(minRows), LearningRate: result.GetValue(learningRate), SamplingSeed: result.GetValue(samplingSeed),
                    FeatureFraction: result.GetValue(featureFraction), L2Regularization: result.GetValue(l2));
                var untilDate = TrainCommand.ParseDate(result.GetValue(until));
                var splitDate = TrainCommand.ParseDate(result.GetValue(split))!.Value;
                var poolSeeds = ParseSeeds(result.GetValue(seeds)) ?? [result.GetValue(seed)];
                var outPath = CliPaths.Resolve(result.GetValue(output)!.ToString());
                var report = result.GetValue(simulate) is { } simulationSeeds
                    ? RunSimulation(RankingModel.Load(CliPaths.Resolve(result.GetValue(modelFile)!.ToString())), ParseSeeds(simulationSeeds)!,
                        RetrainOf(result.GetValue(retrainLearner)) is { } retrain ? new SimulationSettings(Retrain: retrain) : null)
                    : result.GetValue(plantedFolders) is { Length: > 0 } folders
                    ? RunPlantedFolders([.. folders.Select(f => CliPaths.Resolve(f.ToString()))], splitDate, result.GetValue(pool), poolSeeds, outPath, settings)
                    : result.GetValue(planted) is { } generatorSeeds
                    ? RunPlanted(ParseSeeds(generatorSeeds)!, result.GetValue(plantedDir) is { } keep ? CliPaths.Resolve(keep.ToString()) : null,
                        splitDate, result.GetValue(pool), poolSeeds, outPath, settings, PlantedSettingsOf(result.GetValue(sectorMass)))
                    : Run(CliPaths.Resolve(result.GetValue(data)!.ToString()), splitDate, result.GetValue(pool), poolSeeds, outPath,
                        settings, !result.GetValue(noInvestments), result.GetValue(throughput), until: untilDate,
                        oracle: result.GetValue(oracleFile) is { } file ? OracleScores.Load(CliPaths.Resolve(file.ToString())).Score : null);
                Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
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

    /// <summary>The whole evaluation, returned as the JSON object the verb prints.</summary>
    /// <param name="oracle">On planted data: the true taste of a corporate for a candidate at the split, ranked as the method "oracle".</param>
    public static Dictionary<string, object> Run(string dataDir, DateOnly split, int pool, IReadOnlyList<int> seeds, string outPath,
        TrainerSettings settings, bool includeInvestments, int throughputPairs = 0, DateOnly? until = null,
        Func<string, CandidateView, double>? oracle = null)
    {
        var history = CrunchbaseData.Load(dataDir, includeInvestments);
        if (until is { } end)
        {
            if (split >= end) throw new FormatException($"--split {split:yyyy-MM-dd} must come before --until {end:yyyy-MM-dd}.");
            history = new CrunchbaseData(history.Companies, [.. history.Engagements.Where(e => e.Date < end)]) { Warnings = history.Warnings };
        }
        var watch = Stopwatch.StartNew();
        var model = CrunchbaseTraining.Train(history, split, settings, $"engagements before {split:yyyy-MM-dd}");
        var trainingSeconds = watch.Elapsed.TotalSeconds;

        var perSeed = new List<Dictionary<string, object>>();
        var evaluations = new List<SeedEvaluation>();
        foreach (var s in seeds)
        {
            var evaluation = TemporalEvaluation.Evaluate(history, model, split, pool, s, oracle);
            var path = seeds.Count == 1 ? outPath : Path.ChangeExtension(outPath, $".seed{s}{Path.GetExtension(outPath)}");
            RankingMetrics.WriteCsv(path, evaluation.ModelRanking);
            evaluations.Add(evaluation);
            var entry = new Dictionary<string, object> { ["seed"] = s, ["corporates"] = evaluation.Corporates, ["ranked_csv"] = path };
            foreach (var m in evaluation.Methods) entry[m.Method] = Metrics(m.NdcgAt10, m.RecallAt10);
            perSeed.Add(entry);
        }

        var mean = new Dictionary<string, object>();
        foreach (var method in evaluations[0].Methods.Select(m => m.Method))
        {
            var all = evaluations.Select(e => e.Methods.Single(m => m.Method == method)).ToList();
            mean[method] = Metrics(all.Average(m => m.NdcgAt10), all.Average(m => m.RecallAt10));
        }

        var report = new Dictionary<string, object>
        {
            ["data"] = dataDir,
            ["split"] = split.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["pool"] = pool,
            ["until"] = until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["ranker"] = settings.Ranker.ToString(),
            ["settings"] = settings,
            ["engagements"] = history.Engagements.Count,
            ["unreadable_values"] = history.Warnings.Count,
            ["training_groups"] = model.Info.Groups,
            ["training_rows"] = model.Info.Rows,
            ["training_seconds"] = Math.Round(trainingSeconds, 2),
            ["feature_gain"] = model.FeatureGain,
            ["seeds"] = perSeed,
            ["mean"] = mean,
        };
        if (oracle is not null && ((Dictionary<string, double>)mean["oracle"])["recall@10"] is > 0 and var oracleRecall)
            foreach (var method in (string[])["model", "jaccard"])
                report[$"{method}_share_of_oracle_recall@10"] = Math.Round(((Dictionary<string, double>)mean[method])["recall@10"] / oracleRecall, 3);
        if (throughputPairs > 0)
        {
            report["throughput"] = MeasureThroughput(history, model, split, throughputPairs);
            report["event_table"] = MeasureEventTable(history, model);
        }
        return report;
    }

    /// <summary>
    /// The same protocol on planted histories: each generator seed writes a Crunchbase-format folder that goes
    /// through the same loader, training and evaluation, and the oracle ranks the same pools by the planted tastes.
    /// </summary>
    public static Dictionary<string, object> RunPlanted(IReadOnlyList<int> generatorSeeds, string? keepDir, DateOnly split, int pool,
        IReadOnlyList<int> poolSeeds, string outPath, TrainerSettings settings, PlantedSettings? plantedSettings = null)
    {
        var rows = new List<Dictionary<string, object>>();
        foreach (var g in generatorSeeds)
        {
            var planted = PlantedHistory.Generate(g, plantedSettings);
            var dir = keepDir is null ? Path.Combine(Path.GetTempPath(), $"matchmaker-planted-{g}-{Guid.NewGuid():N}") : Path.Combine(keepDir, $"planted-{g}");
            planted.Write(dir);
            try
            {
                var report = Run(dir, split, pool, poolSeeds, Path.ChangeExtension(outPath, $".planted{g}{Path.GetExtension(outPath)}"),
                    settings, includeInvestments: false, oracle: (corporate, candidate) => planted.Taste(corporate, candidate, split));
                rows.Add(PlantedRow("generator_seed", g, planted.Acquisitions, report));
            }
            finally
            {
                if (keepDir is null) Directory.Delete(dir, recursive: true);
            }
        }
        return PlantedSummary("planted", generatorSeeds, split, pool, poolSeeds, rows);
    }

    /// <summary>
    /// The same on folders written outside the project (e.g. by tools/blind_planted.py): Crunchbase-format files
    /// and an oracle.csv of the planted tastes, one row per folder, in the order given.
    /// </summary>
    public static Dictionary<string, object> RunPlantedFolders(IReadOnlyList<string> folders, DateOnly split, int pool,
        IReadOnlyList<int> poolSeeds, string outPath, TrainerSettings settings)
    {
        var rows = new List<Dictionary<string, object>>();
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            var oracle = OracleScores.Load(Path.Combine(folder, "oracle.csv"));
            var report = Run(folder, split, pool, poolSeeds, Path.ChangeExtension(outPath, $".{name}{Path.GetExtension(outPath)}"),
                settings, includeInvestments: false, oracle: oracle.Score);
            rows.Add(PlantedRow("folder", name, (int)report["engagements"], report));
        }
        return PlantedSummary("planted_folders", folders, split, pool, poolSeeds, rows);
    }

    private static Dictionary<string, object> PlantedRow(string key, object id, int acquisitions, Dictionary<string, object> report)
    {
        var mean = (Dictionary<string, object>)report["mean"];
        // No oracle hit at all leaves nothing to compare: the shares are then 0.
        object Share(string method) => report.GetValueOrDefault($"{method}_share_of_oracle_recall@10", 0.0);
        var seedsOfReport = (List<Dictionary<string, object>>)report["seeds"];
        return new Dictionary<string, object>
        {
            [key] = id,
            ["acquisitions"] = acquisitions,
            ["corporates"] = seedsOfReport[0]["corporates"],
            ["training_seconds"] = report["training_seconds"],
            ["model"] = mean["model"],
            ["jaccard"] = mean["jaccard"],
            ["weighted_cosine"] = mean["weighted_cosine"],
            ["taste_log_lift"] = mean["taste_log_lift"],
            ["oracle"] = mean["oracle"],
            ["feature_gain"] = report["feature_gain"],
            ["model_share_of_oracle_recall@10"] = Share("model"),
            ["jaccard_share_of_oracle_recall@10"] = Share("jaccard"),
        };
    }

    private static Dictionary<string, object> PlantedSummary(string key, object what, DateOnly split, int pool, IReadOnlyList<int> poolSeeds,
        List<Dictionary<string, object>> rows)
    {
        var shares = rows.Select(r => (double)r["model_share_of_oracle_recall@10"]).ToList();
        return new Dictionary<string, object>
        {
            [key] = what,
            ["split"] = split.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["pool"] = pool,
            ["pool_seeds"] = poolSeeds,
            ["generators"] = rows,
            ["mean_share_of_oracle"] = Math.Round(shares.Average(), 3),
            ["min_share_of_oracle"] = Math.Round(shares.Min(), 3),
        };
    }

    /// <summary>Simulated event weeks: recall@10 of each morning's lists on that day's requests, per seed and as the mean per day.</summary>
    public static Dictionary<string, object> RunSimulation(RankingModel defaultModel, IReadOnlyList<int> seeds, SimulationSettings? settings = null)
    {
        var watch = Stopwatch.StartNew();
        var runs = seeds.Select(seed => (Seed: seed, Days: EventSimulation.Run(defaultModel, seed, settings))).ToList();
        object Day(SimulatedDay d) => new Dictionary<string, object?>
        {
            ["day"] = d.Day,
            ["served_model"] = d.ServedModel,
            ["default_recall@10"] = Math.Round(d.DefaultRecallAt10, 4),
            ["served_recall@10"] = Math.Round(d.ServedRecallAt10, 4),
            ["oracle_recall@10"] = Math.Round(d.OracleRecallAt10, 4),
            ["delegate_lists_default_served"] = new[] { Math.Round(d.DefaultDelegateRecallAt10, 4), Math.Round(d.ServedDelegateRecallAt10, 4) },
            ["startup_lists_default_served"] = new[] { Math.Round(d.DefaultStartupRecallAt10, 4), Math.Round(d.ServedStartupRecallAt10, 4) },
            ["delegate_lists_taste_log_lift"] = Math.Round(d.TasteLiftDelegateRecallAt10, 4),
            ["oracle_delegate_startup_lists"] = new[] { Math.Round(d.OracleDelegateRecallAt10, 4), Math.Round(d.OracleStartupRecallAt10, 4) },
            ["lists"] = d.Lists,
            ["signals_before"] = d.Signals,
            ["last_night"] = d.LastNight is { } r ? $"{r.TrainingGroups} training / {r.HeldOutGroups} held-out lists; {r.Why}" : null,
        };
        var dayCount = runs[0].Days.Count;
        var mean = Enumerable.Range(0, dayCount).Select(i => new Dictionary<string, object>
        {
            ["day"] = i + 1,
            ["default_recall@10"] = Math.Round(runs.Average(r => r.Days[i].DefaultRecallAt10), 4),
            ["served_recall@10"] = Math.Round(runs.Average(r => r.Days[i].ServedRecallAt10), 4),
            ["oracle_recall@10"] = Math.Round(runs.Average(r => r.Days[i].OracleRecallAt10), 4),
            ["retrained_in_use"] = runs.Count(r => r.Days[i].ServedModel != "default"),
            ["served_beats_default"] = runs.Count(r => r.Days[i].ServedRecallAt10 > r.Days[i].DefaultRecallAt10),
        }).ToList();
        return new Dictionary<string, object>
        {
            ["simulated_event"] = settings ?? new SimulationSettings(),
            ["default_model"] = defaultModel.Info.TrainedOn,
            ["seeds"] = runs.Select(r => new Dictionary<string, object> { ["seed"] = r.Seed, ["days"] = r.Days.Select(Day).ToList() }).ToList(),
            ["mean_per_day"] = mean,
            ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 1),
        };
    }

    private static Dictionary<string, double> Metrics(double ndcg, double recall) =>
        new() { ["ndcg@10"] = Math.Round(ndcg, 4), ["recall@10"] = Math.Round(recall, 4) };

    /// <summary>Scores every test corporate against the test period's targets, repeated up to the requested number of pairs.</summary>
    private static Dictionary<string, object> MeasureThroughput(CrunchbaseData history, RankingModel model, DateOnly split, int count)
    {
        var corporates = TemporalEvaluation.TestCorporates(history, split).Select(c => history.Corporate(c.Corporate, split)).ToList();
        var candidates = history.Engagements.Where(e => e.Date >= split).Select(e => e.TargetId).Distinct().Select(id => history.Candidate(id, split)).ToList();
        var pairs = new List<RankingPair>(count);
        for (var i = 0; pairs.Count < count; i++)
            pairs.Add(new RankingPair(corporates[i / candidates.Count % corporates.Count], candidates[i % candidates.Count]));

        // Best of three after a warm-up: tiered JIT only optimises the hot loops after they have run a while.
        var sample = pairs.Take(Math.Min(count, 200_000)).ToList();
        for (var w = 0; w < 3; w++) { model.ScoreOnly(sample); model.Score(sample); }
        double scoresSeconds = double.MaxValue, reasonsSeconds = double.MaxValue;
        float[] scoresOnly = [];
        IReadOnlyList<PairScore> withReasons = [];
        var watch = new Stopwatch();
        for (var run = 0; run < 3; run++)
        {
            watch.Restart();
            scoresOnly = model.ScoreOnly(pairs);
            scoresSeconds = Math.Min(scoresSeconds, watch.Elapsed.TotalSeconds);
            watch.Restart();
            withReasons = model.Score(pairs);
            reasonsSeconds = Math.Min(reasonsSeconds, watch.Elapsed.TotalSeconds);
        }

        // The trees alone, on feature rows computed beforehand: how the time splits between features and trees.
        var rowCount = Math.Min(count, 200_000);
        var rows = new float[rowCount * PairFeatures.Length];
        var preparedCorporates = corporates.ToDictionary(c => c.Id, c => new PreparedCorporate(c, model.Context));
        var preparedCandidates = candidates.ToDictionary(c => c.Id, c => new PreparedCandidate(c, model.Context));
        var preparedPairs = pairs.Take(rowCount).Select(p => (preparedCorporates[p.Corporate.Id], preparedCandidates[p.Candidate.Id])).ToArray();
        var featureSeconds = double.MaxValue;
        for (var repeat = 0; repeat < 5; repeat++)
        {
            watch.Restart();
            for (var i = 0; i < rowCount; i++)
                PairFeatures.Compute(preparedPairs[i].Item1, preparedPairs[i].Item2, rows.AsSpan(i * PairFeatures.Length, PairFeatures.Length));
            featureSeconds = Math.Min(featureSeconds, watch.Elapsed.TotalSeconds);
        }
        var treeScores = new float[rowCount];
        var treeSeconds = double.MaxValue;
        for (var repeat = 0; repeat < 5; repeat++)
        {
            watch.Restart();
            model.ScoreFeatures(rows, treeScores);
            treeSeconds = Math.Min(treeSeconds, watch.Elapsed.TotalSeconds);
        }
        var treesPerSecond = rowCount / treeSeconds;
        return new Dictionary<string, object>
        {
            ["pairs"] = count,
            ["trees"] = model.TreeCount,
            ["cores"] = Environment.ProcessorCount,
            ["scores_pairs_per_second"] = Math.Round(count / scoresSeconds),
            ["scores_with_reasons_pairs_per_second"] = Math.Round(count / reasonsSeconds),
            ["load_average_1min"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a",
            ["trees_only_one_core_rows_per_second"] = Math.Round(treesPerSecond),
            ["features_only_one_core_rows_per_second"] = Math.Round(rowCount / featureSeconds),
            ["same_scores"] = withReasons.Select(s => s.Score).SequenceEqual(scoresOnly),
        };
    }

    /// <summary>An event of real companies (200 acquirers as delegates, 1,000 targets as startups): the batch's table build and a list read.</summary>
    private static Dictionary<string, object> MeasureEventTable(CrunchbaseData history, RankingModel model)
    {
        var known = (IReadOnlyCollection<string>)Model.Domain.Vocabulary.Sectors;
        string Country(CrunchbaseCompany c) => c.Place.Country is { Length: 3 } country ? country : "USA";
        var delegates = history.Engagements.Select(e => e.CorporateId).Distinct().Select(history.Company)
            .Where(c => c.Category is { } sector && known.Contains(sector)).Take(200)
            .Select((c, i) => new EventDelegate($"d{i}", new Model.Domain.DelegateProfile(c.Name, null, c.Name, c.Category!, [c.Category!], ["acquisition"], null, null, null, 8, null, Country(c), c.Place.City)))
            .ToList();
        var startups = history.Engagements.Select(e => e.TargetId).Distinct().Select(history.Company)
            .Where(c => c.Category is { } sector && known.Contains(sector)).Take(1000)
            .Select((c, i) => new EventStartup($"s{i}", new Model.Domain.StartupProfile(c.Name, [c.Category!], CrunchbaseData.StageOf(c.FundingUsd) ?? "seed", Country(c), c.Place.City, ["acquisition"], null, null, null, null, c.FoundedYear)))
            .ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        EventMatchTable.Build(model, delegates.Take(20).ToList(), startups.Take(100).ToList(), [], today); // warm-up
        var watch = Stopwatch.StartNew();
        var table = EventMatchTable.Build(model, delegates, startups, [], today);
        var build = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var reads = 0;
        for (var round = 0; round < 5; round++)
            foreach (var d in delegates) { table.ForDelegate(d.Id, 20); reads++; }
        return new Dictionary<string, object>
        {
            ["delegates"] = delegates.Count,
            ["startups"] = startups.Count,
            ["build_seconds"] = Math.Round(build, 3),
            ["read_20_with_reasons_microseconds"] = Math.Round(watch.Elapsed.TotalMicroseconds / reads, 1),
        };
    }

    private static PlantedSettings PlantedSettingsOf(string? sectorMass)
    {
        if (sectorMass is null) return new PlantedSettings();
        var parts = sectorMass.Split('-');
        if (parts.Length != 2 || !double.TryParse(parts[0], CultureInfo.InvariantCulture, out var min) || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var max)
            || min < 0 || max > 1 || min > max)
            throw new FormatException($"--planted-sector-mass '{sectorMass}' is not a range of shares like 0.2-0.5.");
        return new PlantedSettings(MinSectorMass: min, MaxSectorMass: max);
    }

    /// <summary>"0,1,2", "0-9" or a mix ("0-4,7").</summary>
    private static RetrainSettings? RetrainOf(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts.Length != 3) throw new FormatException($"--retrain-learner '{text}': expected trees,leaves,min-rows-per-leaf.");
        return new RetrainSettings(Trees: parts[0], Leaves: parts[1], MinRowsPerLeaf: parts[2]);
    }

    internal static IReadOnlyList<int>? ParseSeeds(string? text)
    {
        if (text is null) return null;
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length == 2 && int.TryParse(range[0], CultureInfo.InvariantCulture, out var from) && int.TryParse(range[1], CultureInfo.InvariantCulture, out var to) && from <= to)
                result.AddRange(Enumerable.Range(from, to - from + 1));
            else if (int.TryParse(part, CultureInfo.InvariantCulture, out var single))
                result.Add(single);
            else
                throw new FormatException($"'{part}' is not a seed or a range of seeds (e.g. 0-9 or 0,1,2).");
        }
        return result;
    }
}
