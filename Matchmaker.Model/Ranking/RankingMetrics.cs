using CsvHelper;
using System.Globalization;

namespace Matchmaker.Model.Ranking;

/// <summary>One line of a ranked list: what evaluate writes to ranked.csv.</summary>
public sealed record RankedItem(string Corporate, string Candidate, double Score, int Rank, int Label);

/// <summary>NDCG@k and recall@k with binary relevance, averaged over ranked lists (one per corporate).</summary>
public sealed record RankingQuality(double NdcgAt10, double RecallAt10, int Lists);

public static class RankingMetrics
{
    public const int K = 10;

    /// <summary>DCG of the top k (gain = label, discount log2(rank + 1)) over the best possible DCG.</summary>
    public static double Ndcg(IReadOnlyList<int> labelsByRank, int k = K)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, labelsByRank.Count); i++) dcg += labelsByRank[i] / Math.Log2(i + 2);
        var ideal = labelsByRank.OrderDescending().ToList();
        double idcg = 0;
        for (var i = 0; i < Math.Min(k, ideal.Count); i++) idcg += ideal[i] / Math.Log2(i + 2);
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /// <summary>Share of all relevant items that made the top k.</summary>
    public static double Recall(IReadOnlyList<int> labelsByRank, int k = K)
    {
        var relevant = labelsByRank.Count(l => l > 0);
        return relevant == 0 ? 0 : (double)labelsByRank.Take(k).Count(l => l > 0) / relevant;
    }

    /// <summary>Means over lists; a list is the rows of one corporate, ordered by rank.</summary>
    public static RankingQuality Of(IEnumerable<RankedItem> items)
    {
        var lists = items.GroupBy(i => i.Corporate).Select(g => g.OrderBy(i => i.Rank).Select(i => i.Label).ToList()).ToList();
        return lists.Count == 0 ? new RankingQuality(0, 0, 0)
            : new RankingQuality(lists.Average(l => Ndcg(l)), lists.Average(l => Recall(l)), lists.Count);
    }

    /// <summary>Orders one list by score; equal scores are broken by a seeded hash so no method gains from input order.</summary>
    public static IReadOnlyList<RankedItem> Rank(string corporate, IReadOnlyList<(string Candidate, double Score, int Label)> scored, int seed)
    {
        return [.. scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => TieBreak(seed, s.Candidate))
            .ThenBy(s => s.Candidate, StringComparer.Ordinal)
            .Select((s, i) => new RankedItem(corporate, s.Candidate, s.Score, i + 1, s.Label))];
    }

    private static ulong TieBreak(int seed, string text)
    {
        var hash = 14695981039346656037UL ^ (ulong)seed;
        foreach (var c in text) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }

    public static void WriteCsv(string path, IEnumerable<RankedItem> items)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var csv = CsvWriter.Create(new StreamWriter(path));
        csv.WriteRecord(["corporate", "candidate", "score", "rank", "label"]);
        foreach (var i in items)
            csv.WriteRecord([i.Corporate, i.Candidate, i.Score.ToString("R", CultureInfo.InvariantCulture),
                i.Rank.ToString(CultureInfo.InvariantCulture), i.Label.ToString(CultureInfo.InvariantCulture)]);
    }

    public static IReadOnlyList<RankedItem> ReadCsv(string path)
    {
        var items = new List<RankedItem>();
        using var csv = CsvReader.Create(File.OpenText(path));
        while (csv.Read())
            items.Add(new RankedItem(csv.GetString(0), csv.GetString(1), double.Parse(csv.GetString(2), CultureInfo.InvariantCulture),
                int.Parse(csv.GetString(3), CultureInfo.InvariantCulture), int.Parse(csv.GetString(4), CultureInfo.InvariantCulture)));
        return items;
    }
}
