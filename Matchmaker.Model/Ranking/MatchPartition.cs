using System.Collections.Concurrent;
using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>An entry of a startup's list in one partition, with its placement, so lists of several partitions merge exactly.</summary>
public sealed record StartupListEntry(EventMatch Match, int Tier);

/// <summary>
/// One delegate range of a large event's matches: the candidate pairs of its delegates (with every startup of the
/// event), each scored once here and nowhere else. Built in two steps because a pair's fused score needs two
/// percentiles: the delegate's (within its own row, all here) and the startup's (within the startup's column, which
/// spans every partition). <see cref="Score"/> scores and ranks rows and hands out this range's part of each column
/// (<see cref="ColumnValues"/>); the event's columns merged (<see cref="MergeColumns"/>) then <see cref="Complete"/>
/// the partition: startup percentiles, fused scores, delegate lists, and this range's slice of each startup's list.
/// </summary>
/// <remarks>
/// The arithmetic is <see cref="EventMatchTable"/>'s: a percentile depends only on the values of its row or column,
/// ties share their average rank, the fused score is the geometric mean, placement then fused score then id order a
/// list. So with every pair a candidate the partitions of an event read exactly as its one table does (the tests
/// hold them to it), whatever the partition size. A startup's list is the merge of its slices by that same order.
/// </remarks>
public sealed class MatchPartition
{
    private readonly RankingModel model;
    private readonly string[] delegateIds;
    private readonly CorporateView[] delegateViews;
    private readonly DelegateProfile[] delegateProfiles;
    private readonly Dictionary<string, int> delegateIndex;
    private readonly string[] startupIds;
    private readonly CandidateView[] startupViews;
    private readonly StartupProfile[] startupProfiles;
    private readonly Dictionary<string, int> startupIndex;
    private readonly IReadOnlyDictionary<(string DelegateId, string StartupId), PairSignals> signalOf;

    /// <summary>Compressed rows: delegate <c>r</c>'s pairs are <c>rowStart[r]..rowStart[r + 1]</c>, their startups in <see cref="column"/>, ascending.</summary>
    private readonly int[] rowStart;
    private readonly int[] column;
    private readonly float[] raw;
    private readonly double[] delegatePercentile;
    private double[] startupPercentile = [];
    private sbyte[] delegateTier = [];
    private sbyte[] startupTier = [];
    /// <summary>Per delegate, its pairs in rank order; per startup, this range's pairs of it in rank order.</summary>
    private int[][] delegateLists = [];
    private int[][] startupSlices = [];
    private int[] rowOf = [];
    private readonly ConcurrentDictionary<(int Pair, Perspective Perspective), IReadOnlyList<string>> reasons = new();

    private MatchPartition(RankingModel model, string[] delegateIds, CorporateView[] delegateViews, DelegateProfile[] delegateProfiles,
        string[] startupIds, CandidateView[] startupViews, StartupProfile[] startupProfiles,
        IReadOnlyDictionary<(string DelegateId, string StartupId), PairSignals> signalOf, int[][] candidates)
    {
        this.model = model;
        this.delegateIds = delegateIds;
        this.delegateViews = delegateViews;
        this.delegateProfiles = delegateProfiles;
        this.startupIds = startupIds;
        this.startupViews = startupViews;
        this.startupProfiles = startupProfiles;
        this.signalOf = signalOf;
        delegateIndex = IndexOf(delegateIds);
        startupIndex = IndexOf(startupIds);

        rowStart = new int[delegateIds.Length + 1];
        for (var r = 0; r < delegateIds.Length; r++) rowStart[r + 1] = rowStart[r] + candidates[r].Length;
        column = new int[rowStart[^1]];
        for (var r = 0; r < delegateIds.Length; r++) candidates[r].CopyTo(column, rowStart[r]);
        raw = model.ScorePairs(delegateViews, startupViews, rowStart, column);

        delegatePercentile = new double[raw.Length];
        for (var r = 0; r < delegateIds.Length; r++)
            Percentiles(raw.AsSpan(rowStart[r], rowStart[r + 1] - rowStart[r]), delegatePercentile.AsSpan(rowStart[r], rowStart[r + 1] - rowStart[r]));
    }

    /// <summary>Scores a delegate range's candidate pairs and ranks its rows; <see cref="Complete"/> follows once every partition's columns are known.</summary>
    /// <param name="candidates">Per delegate of the range, its candidate startups' indexes in <paramref name="startupIds"/>, ascending.</param>
    public static MatchPartition Score(RankingModel model, string[] delegateIds, CorporateView[] delegateViews, DelegateProfile[] delegateProfiles,
        string[] startupIds, CandidateView[] startupViews, StartupProfile[] startupProfiles,
        IReadOnlyDictionary<(string DelegateId, string StartupId), PairSignals> signalOf, int[][] candidates) =>
        new(model, delegateIds, delegateViews, delegateProfiles, startupIds, startupViews, startupProfiles, signalOf, candidates);

    public int Pairs => raw.Length;

    public int DelegateCount => delegateIds.Length;

    public IReadOnlyList<string> DelegateIds => delegateIds;

    public bool HasDelegate(string delegateId) => delegateIndex.ContainsKey(delegateId);

    public DelegateProfile? DelegateProfile(string delegateId) => delegateIndex.TryGetValue(delegateId, out var r) ? delegateProfiles[r] : null;

    public StartupProfile? StartupProfile(string startupId) => startupIndex.TryGetValue(startupId, out var s) ? startupProfiles[s] : null;

    /// <summary>This range's raw scores of each startup (by index), in no order: its part of the startup's column.</summary>
    public float[][] ColumnValues()
    {
        var counts = new int[startupIds.Length];
        foreach (var s in column) counts[s]++;
        var values = counts.Select(n => new float[n]).ToArray();
        Array.Clear(counts);
        for (var p = 0; p < column.Length; p++) values[column[p]][counts[column[p]]++] = raw[p];
        return values;
    }

    /// <summary>Every partition's part of each column, as one sorted column per startup.</summary>
    public static float[][] MergeColumns(IReadOnlyList<float[][]> parts, int startups)
    {
        var merged = new float[startups][];
        for (var s = 0; s < startups; s++)
        {
            var column = new float[parts.Sum(p => p[s].Length)];
            var at = 0;
            foreach (var part in parts)
            {
                part[s].CopyTo(column, at);
                at += part[s].Length;
            }
            Array.Sort(column);
            merged[s] = column;
        }
        return merged;
    }

    /// <summary>Startup percentiles from the event's sorted columns, then the fused scores, placements and lists.</summary>
    public void Complete(float[][] sortedColumns)
    {
        var percentile = new double[raw.Length];
        for (var p = 0; p < raw.Length; p++) percentile[p] = PercentileIn(sortedColumns[column[p]], raw[p]);
        startupPercentile = percentile;

        var dTier = new sbyte[raw.Length];
        var sTier = new sbyte[raw.Length];
        Array.Fill(dTier, (sbyte)1);
        Array.Fill(sTier, (sbyte)1);
        foreach (var ((delegateId, startupId), signals) in signalOf)
            if (PairOf(delegateId, startupId) is >= 0 and var p)
            {
                dTier[p] = (sbyte)EventMatchTable.Tier(signals, Perspective.CorporateBrowses);
                sTier[p] = (sbyte)EventMatchTable.Tier(signals, Perspective.StartupBrowses);
            }
        delegateTier = dTier;
        startupTier = sTier;

        var rows = new int[raw.Length];
        for (var r = 0; r < delegateIds.Length; r++) Array.Fill(rows, r, rowStart[r], rowStart[r + 1] - rowStart[r]);
        rowOf = rows;

        var startupRank = EventMatchTable.OrdinalRanks(startupIds);
        var lists = new int[delegateIds.Length][];
        for (var r = 0; r < delegateIds.Length; r++)
        {
            var keys = new EventMatchTable.RankKey[rowStart[r + 1] - rowStart[r]];
            for (var k = 0; k < keys.Length; k++)
            {
                var p = rowStart[r] + k;
                keys[k] = new EventMatchTable.RankKey(dTier[p], Fused(p), startupRank[column[p]], p);
            }
            Array.Sort(keys);
            lists[r] = [.. keys.Select(k => k.Index)];
        }
        delegateLists = lists;

        var delegateRank = EventMatchTable.OrdinalRanks(delegateIds);
        var byStartup = new List<int>[startupIds.Length];
        for (var p = 0; p < raw.Length; p++) (byStartup[column[p]] ??= []).Add(p);
        startupSlices = [.. byStartup.Select(pairs => pairs is null ? [] : pairs
            .Select(p => new EventMatchTable.RankKey(sTier[p], Fused(p), delegateRank[rows[p]], p)).Order().Select(k => k.Index).ToArray())];
    }

    /// <summary>Ranked startups for a delegate of this range, with reasons; null when the delegate is not in it.</summary>
    public IReadOnlyList<EventMatch>? ForDelegate(string delegateId, int limit, MatchFilter? filter)
    {
        if (!delegateIndex.TryGetValue(delegateId, out var r)) return null;
        var result = new List<EventMatch>();
        foreach (var p in delegateLists[r])
        {
            if (result.Count >= limit) break;
            if (EventMatchTable.Accepts(startupProfiles[column[p]], filter)) result.Add(WithReasons(Entry(p, Perspective.CorporateBrowses), p, Perspective.CorporateBrowses));
        }
        return result;
    }

    public IEnumerable<EventMatch> RankedForDelegate(string delegateId) =>
        delegateIndex.TryGetValue(delegateId, out var r) ? delegateLists[r].Select(p => Entry(p, Perspective.CorporateBrowses)) : [];

    /// <summary>
    /// This range's best delegates for a startup passing the filter, at most <paramref name="limit"/> (no limit when
    /// null), in rank order with their placement; with reasons when asked. Empty for an unknown startup or one no
    /// delegate of the range is paired with.
    /// </summary>
    public IReadOnlyList<StartupListEntry> ForStartup(string startupId, int? limit, MatchFilter? filter, bool withReasons)
    {
        if (!startupIndex.TryGetValue(startupId, out var s)) return [];
        var result = new List<StartupListEntry>();
        foreach (var p in startupSlices[s])
        {
            if (result.Count >= limit) break;
            if (!EventMatchTable.Accepts(delegateProfiles[rowOf[p]], filter)) continue;
            var entry = Entry(p, Perspective.StartupBrowses);
            result.Add(new StartupListEntry(withReasons ? WithReasons(entry, p, Perspective.StartupBrowses) : entry, startupTier[p]));
        }
        return result;
    }

    /// <summary>Slices of one startup's list from several partitions, merged in the list's order: placement, fused score, delegate id.</summary>
    public static IEnumerable<EventMatch> Merge(IEnumerable<IReadOnlyList<StartupListEntry>> slices) =>
        slices.SelectMany(slice => slice)
            .OrderBy(e => e.Tier).ThenByDescending(e => e.Match.Score).ThenBy(e => e.Match.DelegateId, StringComparer.Ordinal)
            .Select(e => e.Match);

    private int PairOf(string delegateId, string startupId)
    {
        if (!delegateIndex.TryGetValue(delegateId, out var r) || !startupIndex.TryGetValue(startupId, out var s)) return -1;
        var at = Array.BinarySearch(column, rowStart[r], rowStart[r + 1] - rowStart[r], s);
        return at >= 0 ? at : -1;
    }

    private double Fused(int p) => Math.Sqrt(delegatePercentile[p] * startupPercentile[p]);

    private EventMatch Entry(int p, Perspective perspective)
    {
        var (browser, other) = perspective == Perspective.CorporateBrowses
            ? (delegatePercentile[p], startupPercentile[p])
            : (startupPercentile[p], delegatePercentile[p]);
        return new EventMatch(delegateIds[rowOf[p]], startupIds[column[p]], Fused(p), browser, other, []);
    }

    private EventMatch WithReasons(EventMatch match, int p, Perspective perspective) =>
        match with
        {
            Reasons = reasons.GetOrAdd((p, perspective), _ => model.Explain(new RankingPair(delegateViews[rowOf[p]], startupViews[column[p]], perspective,
                signalOf.GetValueOrDefault((match.DelegateId, match.StartupId))))),
        };

    /// <summary>As <see cref="EventMatchTable"/>'s percentiles: rank in (0, 1], the best gets 1, ties share their average.</summary>
    private static void Percentiles(ReadOnlySpan<float> values, Span<double> result)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        for (var i = 0; i < values.Length; i++) result[i] = PercentileIn(sorted, values[i]);
    }

    /// <summary>The percentile of a value within a sorted column holding it: ((first + last) / 2 + 1) / n over the positions of its equals.</summary>
    private static double PercentileIn(float[] sorted, float value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].CompareTo(value) < 0) lo = mid + 1; else hi = mid;
        }
        int first = lo;
        hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].CompareTo(value) <= 0) lo = mid + 1; else hi = mid;
        }
        var last = lo - 1;
        return ((first + last) / 2.0 + 1) / sorted.Length;
    }

    private static Dictionary<string, int> IndexOf(string[] ids)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++) index[ids[i]] = i;
        return index;
    }
}
