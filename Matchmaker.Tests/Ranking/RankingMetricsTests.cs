using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

public class RankingMetricsTests
{
    [Fact]
    public void Ndcg_at_10_of_a_hand_made_list_matches_the_formula()
    {
        // Positives at ranks 2 and 5, a third positive at rank 12 (outside the top 10).
        int[] labels = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        var dcg = 1 / Math.Log2(3) + 1 / Math.Log2(6);
        var idcg = 1 / Math.Log2(2) + 1 / Math.Log2(3) + 1 / Math.Log2(4);

        Assert.Equal(dcg / idcg, RankingMetrics.Ndcg(labels), 12);
    }

    [Fact]
    public void Recall_at_10_counts_positives_in_the_top_10_over_all_positives()
    {
        int[] labels = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0];

        Assert.Equal(2.0 / 3.0, RankingMetrics.Recall(labels), 12);
    }

    [Fact]
    public void A_perfect_list_scores_one_and_a_list_without_positives_scores_zero()
    {
        Assert.Equal(1.0, RankingMetrics.Ndcg([1, 1, 0, 0]));
        Assert.Equal(1.0, RankingMetrics.Recall([1, 1, 0, 0]));
        Assert.Equal(0.0, RankingMetrics.Ndcg([0, 0, 0]));
    }

    [Fact]
    public void Equal_scores_are_ordered_by_the_seeded_tie_break_not_by_input_order()
    {
        var scored = Enumerable.Range(0, 50).Select(i => ($"c{i}", 1.0, i == 0 ? 1 : 0)).ToList();

        var firstPositions = Enumerable.Range(0, 20).Select(seed => RankingMetrics.Rank("x", scored, seed).Single(r => r.Label == 1).Rank).ToList();

        Assert.True(firstPositions.Distinct().Count() > 1, "the planted positive sat at the same rank for every seed");
    }

    [Fact]
    public void Ranked_csv_round_trips_names_with_commas_and_quotes()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        RankedItem[] items = [new("/company/a,b", "/company/\"q\"", 0.125, 1, 1), new("/company/a,b", "/company/z", -2.5, 2, 0)];
        try
        {
            RankingMetrics.WriteCsv(path, items);
            Assert.Equal(items, RankingMetrics.ReadCsv(path));
        }
        finally { File.Delete(path); }
    }
}
