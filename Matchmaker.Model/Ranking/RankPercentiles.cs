namespace Matchmaker.Model.Ranking;

/// <summary>
/// Rank percentiles of one list of raw scores, kept with the list's ascending order: after a write only a few scores of
/// a list move, and merging them into the previous order costs one pass where sorting the list again costs a sort.
/// </summary>
/// <remarks>
/// Percentile in (0, 1]: the best gets 1, ties share their average; it depends only on the values, so an order
/// merged from the previous one and an order sorted afresh give the same percentiles, bit for bit.
/// </remarks>
internal static class RankPercentiles
{
    /// <summary>Past this share of moved scores a merge saves nothing over a sort.</summary>
    private const int MergeWhenMovedAtMostOneIn = 4;

    /// <summary>The ascending order of <paramref name="values"/> by sorting, and their percentiles.</summary>
    public static void Sort(ReadOnlySpan<float> values, int[] order, double[] percentiles)
    {
        var keys = values.ToArray();
        for (var i = 0; i < order.Length; i++) order[i] = i;
        keys.AsSpan().Sort(order.AsSpan());
        Assign(values, order, percentiles);
    }

    /// <summary>
    /// The ascending order from the previous one where only the entries in <paramref name="moved"/> changed value,
    /// and the percentiles; sorts afresh when too many moved. <paramref name="isMoved"/> is scratch of the list's
    /// length, all false on entry and on return.
    /// </summary>
    public static void Update(ReadOnlySpan<float> values, int[] previousOrder, IReadOnlyList<int> moved, int[] order, double[] percentiles, bool[] isMoved)
    {
        if (moved.Count * MergeWhenMovedAtMostOneIn > values.Length)
        {
            Sort(values, order, percentiles);
            return;
        }
        var movedInOrder = new int[moved.Count];
        var movedKeys = new float[moved.Count];
        for (var i = 0; i < moved.Count; i++)
        {
            movedInOrder[i] = moved[i];
            movedKeys[i] = values[moved[i]];
            isMoved[moved[i]] = true;
        }
        movedKeys.AsSpan().Sort(movedInOrder.AsSpan());

        int next = 0, m = 0;
        foreach (var index in previousOrder)
        {
            if (isMoved[index]) continue;
            while (m < movedInOrder.Length && values[movedInOrder[m]].CompareTo(values[index]) < 0) order[next++] = movedInOrder[m++];
            order[next++] = index;
        }
        while (m < movedInOrder.Length) order[next++] = movedInOrder[m++];
        foreach (var index in movedInOrder) isMoved[index] = false;
        Assign(values, order, percentiles);
    }

    private static void Assign(ReadOnlySpan<float> values, int[] order, double[] percentiles)
    {
        var n = order.Length;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) j++;
            var value = ((i + j) / 2.0 + 1) / n;
            for (var k = i; k <= j; k++) percentiles[order[k]] = value;
            i = j + 1;
        }
    }
}
