using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>A delegate of an event, keyed as the event keys it.</summary>
public sealed record EventDelegate(string Id, DelegateProfile Profile);

/// <summary>A startup of an event.</summary>
public sealed record EventStartup(string Id, StartupProfile Profile);

/// <summary>What happened between one delegate and one startup.</summary>
public sealed record EventSignal(string DelegateId, string StartupId, PairSignals Signals);

/// <summary>Optional filters of a matches list; null means any. Sector and country apply to the other party.</summary>
public sealed record MatchFilter(string? Sector = null, string? Stage = null, string? Country = null);

/// <summary>
/// One entry of a matches list. <see cref="Score"/> is the reciprocal score in [0, 1]; the per-direction
/// percentiles say how the browsing party ranks the other and how the other ranks the browsing party.
/// </summary>
public sealed record EventMatch(
    string DelegateId,
    string StartupId,
    double Score,
    double BrowserPercentile,
    double OtherPercentile,
    IReadOnlyList<string> Reasons);

/// <summary>
/// Every delegate–startup pair of an event scored once, fused in both directions, and indexed for both
/// matches endpoints. Built by the batch or by the event's match grain; reading a list is a walk down a
/// ranked index and a filter, cheap enough for a request path. After a write, <see cref="Update"/> builds
/// the next table from this one, rescoring only the pairs whose inputs changed.
/// </summary>
/// <remarks>
/// Fusion: each pair's raw score becomes a percentile within each party's own list (raw scores compare only
/// within a group), and the shown score is their geometric mean. The geometric mean lets a pair rank high only
/// when both sides rank each other high (a startup every delegate wants but who wants none of them does not
/// flood every list), and unlike the harmonic mean it stays informative when one side's percentile is small.
/// Placement rule: a pair the other party has asked for (request or invitation, not declined) comes first,
/// declined pairs come last, the fused score orders the rest, the other party's id breaks ties.
/// Storage is dense (per quantity, one array per delegate's row of startups) so a table of 2,000 × 400 holds no object
/// per pair, and an update shares the rows a change did not touch; entries are made only for what a reader asks for.
/// </remarks>
public sealed class EventMatchTable : IRankedMatches
{
    private readonly RankingModel model;
    private readonly DateOnly asOf;
    private readonly Participants<CorporateView, DelegateProfile> delegates;
    private readonly Participants<CandidateView, StartupProfile> startups;
    private readonly Dictionary<(string DelegateId, string StartupId), PairSignals> signalOf;
    /// <summary>The signals as given: a pair may have several (views read them all, placement reads the last).</summary>
    private readonly IReadOnlyList<EventSignal> signals;

    // Every per-pair array is indexed [delegate][startup]: one array per delegate's row, so a write copies only the rows
    // it touches and an update shares every other row with the table before it.
    /// <summary>Raw model score per pair, the same for both directions (the features do not depend on who browses).</summary>
    private readonly float[][] raw;
    /// <summary>How the delegate ranks the startup among its row, and how the startup ranks the delegate among its column.</summary>
    private readonly double[][] delegatePercentile;
    private readonly double[][] startupPercentile;
    /// <summary>Placement per pair and direction (see <see cref="Tier"/>), looked up once per change rather than per comparison.</summary>
    private readonly sbyte[][] delegateTier;
    private readonly sbyte[][] startupTier;
    /// <summary>Per delegate, startup indexes by ascending raw score; per startup, delegate indexes: what percentiles are updated from.</summary>
    private readonly int[][] rowOrder;
    private readonly int[][] columnOrder;
    /// <summary>Per delegate, startup indexes in rank order; per startup, delegate indexes.</summary>
    private readonly int[][] delegateLists;
    private readonly int[][] startupLists;
    /// <summary>
    /// Shared by the tables an update made from one another with the same model and the same participants in the same
    /// order, so their indexes mean the same pairs; holds the reasons worded so far for any of them, not the previous
    /// table, so old tables can be collected.
    /// </summary>
    private readonly WordedReasons shape;

    private EventMatchTable(RankingModel model, DateOnly asOf, Participants<CorporateView, DelegateProfile> delegates,
        Participants<CandidateView, StartupProfile> startups, Dictionary<(string DelegateId, string StartupId), PairSignals> signalOf,
        IReadOnlyList<EventSignal> signals, float[][] raw, Cells cells, WordedReasons shape)
    {
        this.shape = shape;
        this.model = model;
        this.asOf = asOf;
        this.delegates = delegates;
        this.startups = startups;
        this.signalOf = signalOf;
        this.signals = signals;
        this.raw = raw;
        delegatePercentile = cells.DelegatePercentile;
        startupPercentile = cells.StartupPercentile;
        delegateTier = cells.DelegateTier;
        startupTier = cells.StartupTier;
        rowOrder = cells.RowOrder;
        columnOrder = cells.ColumnOrder;
        delegateLists = cells.DelegateLists;
        startupLists = cells.StartupLists;
    }

    public RankingModel Model => model;

    public int DelegateCount => delegates.Count;

    public int StartupCount => startups.Count;

    /// <summary>Scores every pair from nothing.</summary>
    public static EventMatchTable Build(RankingModel model, IReadOnlyList<EventDelegate> eventDelegates, IReadOnlyList<EventStartup> eventStartups,
        IReadOnlyList<EventSignal> signals, DateOnly asOf)
    {
        var (corporates, candidates) = EventViews.All(eventDelegates, eventStartups, signals, asOf);
        var delegates = new Participants<CorporateView, DelegateProfile>([.. eventDelegates.Select(d => d.Id)], [.. corporates], [.. eventDelegates.Select(d => d.Profile)]);
        var startups = new Participants<CandidateView, StartupProfile>([.. eventStartups.Select(s => s.Id)], [.. candidates], [.. eventStartups.Select(s => s.Profile)]);
        var grid = model.ScoreGrid(corporates, candidates);
        var raw = new float[delegates.Count][];
        for (var d = 0; d < raw.Length; d++) raw[d] = grid.AsSpan(d * startups.Count, startups.Count).ToArray();
        var signalOf = SignalsOf(signals);
        return new EventMatchTable(model, asOf, delegates, startups, signalOf, [.. signals], raw, Cells.Ranked(raw, signalOf, delegates, startups), new WordedReasons());
    }

    /// <summary>
    /// The table for the event as it is now, reusing every score of this one whose inputs did not change. Equal
    /// to <see cref="Build"/> on the same inputs, pair for pair and list for list (the tests hold it to that).
    /// </summary>
    /// <param name="changed">
    /// The participants whose profiles may have changed since this table. Added and removed participants and
    /// changed pair signals are found by comparison.
    /// </param>
    /// <remarks>
    /// What one change touches: a pair's features read both parties' profiles, the delegate's event history (the
    /// startups it wanted, with their profiles) and the startup's partners (the delegates it wanted, with theirs).
    /// So a startup's profile rescores its own pairs and every pair of each delegate that wanted it; a delegate's
    /// profile its own pairs and every pair of each startup that wanted it; a pair's signals the pairs of both
    /// parties. The model's context is learned offline and does not move with event writes; a new model or a new
    /// day (ages, as-of) rescores everything. Percentiles are recomputed for the rows and columns whose raw scores
    /// moved, and a list is re-sorted only when one of its entries' fused score or placement changed.
    /// </remarks>
    public EventMatchTable Update(RankingModel nextModel, IReadOnlyList<EventDelegate> eventDelegates, IReadOnlyList<EventStartup> eventStartups,
        IReadOnlyList<EventSignal> signals, DateOnly nextAsOf, MatchChanges changed)
    {
        if (changed.Everything || !ReferenceEquals(nextModel, model) || nextAsOf != asOf)
            return Build(nextModel, eventDelegates, eventStartups, signals, nextAsOf);

        var nextSignals = SignalsOf(signals);
        var signalChanged = ChangedPairs(this.signals, signals);

        // Profiles that changed, appeared or went: each also changes the history of whoever wanted it.
        var changedStartups = new HashSet<string>(changed.Startups, StringComparer.Ordinal);
        changedStartups.UnionWith(eventStartups.Select(s => s.Id).Where(id => !startups.Contains(id)));
        var presentStartups = eventStartups.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        changedStartups.UnionWith(startups.Ids.Where(id => !presentStartups.Contains(id)));
        var changedDelegates = new HashSet<string>(changed.Delegates, StringComparer.Ordinal);
        changedDelegates.UnionWith(eventDelegates.Select(d => d.Id).Where(id => !delegates.Contains(id)));
        var presentDelegates = eventDelegates.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        changedDelegates.UnionWith(delegates.Ids.Where(id => !presentDelegates.Contains(id)));

        var staleDelegates = new HashSet<string>(changedDelegates, StringComparer.Ordinal);
        var staleStartups = new HashSet<string>(changedStartups, StringComparer.Ordinal);
        foreach (var pair in signalChanged)
        {
            staleDelegates.Add(pair.DelegateId);
            staleStartups.Add(pair.StartupId);
        }
        foreach (var signal in this.signals.Concat(signals))
        {
            if (changedStartups.Contains(signal.StartupId) && EventViews.DelegateWants(signal.Signals)) staleDelegates.Add(signal.DelegateId);
            if (changedDelegates.Contains(signal.DelegateId) && EventViews.StartupWants(signal.Signals)) staleStartups.Add(signal.StartupId);
        }

        // Views: the previous one where nothing it reads changed (so its prepared form is reused), else afresh.
        var startupProfiles = eventStartups.ToDictionary(s => s.Id, s => s.Profile, StringComparer.Ordinal);
        var delegateProfiles = eventDelegates.ToDictionary(d => d.Id, d => d.Profile, StringComparer.Ordinal);
        var byDelegate = signals.ToLookup(s => s.DelegateId, StringComparer.Ordinal);
        var byStartup = signals.ToLookup(s => s.StartupId, StringComparer.Ordinal);
        var nextDelegates = new Participants<CorporateView, DelegateProfile>([.. eventDelegates.Select(d => d.Id)],
            [.. eventDelegates.Select(d => staleDelegates.Contains(d.Id) ? EventViews.Corporate(d, startupProfiles, byDelegate[d.Id], nextAsOf) : delegates.ViewOf(d.Id))],
            [.. eventDelegates.Select(d => d.Profile)]);
        var nextStartups = new Participants<CandidateView, StartupProfile>([.. eventStartups.Select(s => s.Id)],
            [.. eventStartups.Select(s => staleStartups.Contains(s.Id) ? EventViews.Candidate(s, delegateProfiles, byStartup[s.Id]) : startups.ViewOf(s.Id))],
            [.. eventStartups.Select(s => s.Profile)]);

        var sameShape = nextDelegates.Ids.SequenceEqual(delegates.Ids) && nextStartups.Ids.SequenceEqual(startups.Ids);
        var (nextRaw, moved) = Rescore(nextModel, nextDelegates, nextStartups, staleDelegates, staleStartups);
        var cells = sameShape
            ? Cells.Updated(this, nextRaw, moved, nextSignals, signalChanged, nextDelegates, nextStartups)
            : Cells.Ranked(nextRaw, nextSignals, nextDelegates, nextStartups);
        // Reasons read only the two views and the pair's signals (a changed signal renews both views), so the same shape
        // keeps what was worded: an entry whose views are still these objects is still right (see WithReasons).
        return new EventMatchTable(nextModel, nextAsOf, nextDelegates, nextStartups, nextSignals, [.. signals], nextRaw, cells,
            sameShape ? shape : new WordedReasons());
    }

    /// <summary>
    /// Scores of the next table: the stale rows and columns scored, every other pair kept. A row none of whose pairs
    /// is rescored is the previous row itself; <see cref="MovedScores"/> says which pairs' scores really changed.
    /// </summary>
    private (float[][] Raw, MovedScores Moved) Rescore(RankingModel nextModel, Participants<CorporateView, DelegateProfile> nextDelegates,
        Participants<CandidateView, StartupProfile> nextStartups, HashSet<string> staleDelegates, HashSet<string> staleStartups)
    {
        int rows = nextDelegates.Count, columns = nextStartups.Count;
        var next = new float[rows][];
        var moved = new MovedScores(rows, columns);
        var oldColumn = nextStartups.Ids.Select(id => staleStartups.Contains(id) ? -1 : startups.IndexOf(id)).ToArray();
        var sameColumns = nextStartups.Ids.SequenceEqual(startups.Ids);
        var anyStaleColumn = oldColumn.Any(c => c < 0);
        for (var d = 0; d < rows; d++)
        {
            var old = delegates.IndexOf(nextDelegates.Ids[d]);
            if (old < 0) next[d] = new float[columns];
            // Stale rows start from their old scores too, so only scores that really moved count as moved.
            else if (sameColumns) next[d] = anyStaleColumn || staleDelegates.Contains(nextDelegates.Ids[d]) ? (float[])raw[old].Clone() : raw[old];
            else
            {
                next[d] = new float[columns];
                for (var s = 0; s < columns; s++)
                    if (oldColumn[s] >= 0) next[d][s] = raw[old][oldColumn[s]];
            }
        }

        var staleRows = Enumerable.Range(0, rows).Where(d => staleDelegates.Contains(nextDelegates.Ids[d]) || !delegates.Contains(nextDelegates.Ids[d])).ToArray();
        var freshRows = Enumerable.Range(0, rows).Except(staleRows).ToArray();
        var staleColumns = Enumerable.Range(0, columns).Where(s => oldColumn[s] < 0).ToArray();
        var allColumns = Enumerable.Range(0, columns).ToArray();
        Write(staleRows, allColumns);
        Write(freshRows, staleColumns);
        return (next, moved);

        // New participants' pairs start at 0 here and count as moved; only a same-shaped table uses the marks anyway.
        void Write(int[] rowIndexes, int[] columnIndexes)
        {
            if (rowIndexes.Length == 0 || columnIndexes.Length == 0) return;
            var scores = nextModel.ScoreGrid([.. rowIndexes.Select(d => nextDelegates.Views[d])], [.. columnIndexes.Select(s => nextStartups.Views[s])]);
            for (var i = 0; i < rowIndexes.Length; i++)
            {
                var row = next[rowIndexes[i]];
                for (var j = 0; j < columnIndexes.Length; j++)
                {
                    var score = scores[i * columnIndexes.Length + j];
                    // Only a pair whose score really moved re-ranks its row and column; an edit that changes no feature re-ranks nothing.
                    if (BitConverter.SingleToInt32Bits(score) != BitConverter.SingleToInt32Bits(row[columnIndexes[j]])) moved.Mark(rowIndexes[i], columnIndexes[j]);
                    row[columnIndexes[j]] = score;
                }
            }
        }
    }

    /// <summary>Percentiles, placements and ranked lists of a table, computed whole or updated from the previous table's.</summary>
    private sealed class Cells
    {
        public required double[][] DelegatePercentile { get; init; }
        public required double[][] StartupPercentile { get; init; }
        public required sbyte[][] DelegateTier { get; init; }
        public required sbyte[][] StartupTier { get; init; }
        public required int[][] RowOrder { get; init; }
        public required int[][] ColumnOrder { get; init; }
        public required int[][] DelegateLists { get; init; }
        public required int[][] StartupLists { get; init; }

        /// <summary>Everything computed from the raw scores.</summary>
        public static Cells Ranked(float[][] raw, Dictionary<(string DelegateId, string StartupId), PairSignals> signalOf,
            Participants<CorporateView, DelegateProfile> delegates, Participants<CandidateView, StartupProfile> startups)
        {
            int rows = delegates.Count, columns = startups.Count;
            var rowOrder = new int[rows][];
            var delegatePercentile = new double[rows][];
            for (var d = 0; d < rows; d++)
            {
                rowOrder[d] = new int[columns];
                delegatePercentile[d] = new double[columns];
                RankPercentiles.Sort(raw[d], rowOrder[d], delegatePercentile[d]);
            }
            var startupPercentile = new double[rows][];
            for (var d = 0; d < rows; d++) startupPercentile[d] = new double[columns];
            var columnOrder = new int[columns][];
            var columnValues = new float[rows];
            var columnPercentile = new double[rows];
            for (var s = 0; s < columns; s++)
            {
                for (var d = 0; d < rows; d++) columnValues[d] = raw[d][s];
                columnOrder[s] = new int[rows];
                RankPercentiles.Sort(columnValues, columnOrder[s], columnPercentile);
                for (var d = 0; d < rows; d++) startupPercentile[d][s] = columnPercentile[d];
            }

            var delegateTier = new sbyte[rows][];
            var startupTier = new sbyte[rows][];
            for (var d = 0; d < rows; d++)
            {
                delegateTier[d] = new sbyte[columns];
                startupTier[d] = new sbyte[columns];
                Array.Fill(delegateTier[d], (sbyte)1);
                Array.Fill(startupTier[d], (sbyte)1);
            }
            foreach (var ((delegateId, startupId), pair) in signalOf)
                if (delegates.IndexOf(delegateId) is >= 0 and var d && startups.IndexOf(startupId) is >= 0 and var s)
                    SetTiers(delegateTier, startupTier, d, s, pair);

            var cells = new Cells
            {
                DelegatePercentile = delegatePercentile, StartupPercentile = startupPercentile, DelegateTier = delegateTier, StartupTier = startupTier,
                RowOrder = rowOrder, ColumnOrder = columnOrder, DelegateLists = new int[rows][], StartupLists = new int[columns][],
            };
            cells.Rank(delegates, startups, previous: null, rowResort: null, columnResort: null);
            return cells;
        }

        /// <summary>
        /// From the previous table of the same participants in the same order: only rows and columns with a moved score
        /// are re-percentiled (merging the moved scores into the previous order), only pairs whose signals changed get new
        /// placements, and only lists with an entry whose fused score or placement changed are re-sorted.
        /// </summary>
        public static Cells Updated(EventMatchTable previous, float[][] raw, MovedScores moved, Dictionary<(string DelegateId, string StartupId), PairSignals> signalOf,
            IReadOnlyCollection<(string DelegateId, string StartupId)> signalChanged, Participants<CorporateView, DelegateProfile> delegates,
            Participants<CandidateView, StartupProfile> startups)
        {
            int rows = delegates.Count, columns = startups.Count;
            var rowResort = new bool[rows];
            var columnResort = new bool[columns];

            var rowOrder = (int[][])previous.rowOrder.Clone();
            var delegatePercentile = (double[][])previous.delegatePercentile.Clone();
            var rowScratch = new bool[columns];
            for (var d = 0; d < rows; d++)
            {
                if (moved.InRow(d).Count == 0) continue;
                var order = new int[columns];
                var percentile = new double[columns];
                RankPercentiles.Update(raw[d], previous.rowOrder[d], moved.InRow(d), order, percentile, rowScratch);
                rowOrder[d] = order;
                var before = previous.delegatePercentile[d];
                var changed = false;
                for (var s = 0; s < columns; s++)
                    if (percentile[s] != before[s])
                    {
                        changed = true;
                        columnResort[s] = true;
                    }
                if (!changed) continue;
                delegatePercentile[d] = percentile;
                rowResort[d] = true;
            }

            var columnOrder = (int[][])previous.columnOrder.Clone();
            var startupPercentile = (double[][])previous.startupPercentile.Clone();
            var ownRow = new bool[rows];
            var columnValues = new float[rows];
            var columnPercentile = new double[rows];
            var columnScratch = new bool[rows];
            for (var s = 0; s < columns; s++)
            {
                if (moved.InColumn(s).Count == 0) continue;
                for (var d = 0; d < rows; d++) columnValues[d] = raw[d][s];
                var order = new int[rows];
                RankPercentiles.Update(columnValues, previous.columnOrder[s], moved.InColumn(s), order, columnPercentile, columnScratch);
                columnOrder[s] = order;
                for (var d = 0; d < rows; d++)
                {
                    if (columnPercentile[d] == startupPercentile[d][s]) continue;
                    Own(startupPercentile, ownRow, d)[s] = columnPercentile[d];
                    rowResort[d] = true;
                    columnResort[s] = true;
                }
            }

            var delegateTier = (sbyte[][])previous.delegateTier.Clone();
            var startupTier = (sbyte[][])previous.startupTier.Clone();
            var ownTier = new bool[rows];
            foreach (var (delegateId, startupId) in signalChanged)
                if (delegates.IndexOf(delegateId) is >= 0 and var d && startups.IndexOf(startupId) is >= 0 and var s)
                {
                    if (!ownTier[d])
                    {
                        delegateTier[d] = (sbyte[])delegateTier[d].Clone();
                        startupTier[d] = (sbyte[])startupTier[d].Clone();
                        ownTier[d] = true;
                    }
                    SetTiers(delegateTier, startupTier, d, s, signalOf.GetValueOrDefault((delegateId, startupId)));
                    rowResort[d] = true;
                    columnResort[s] = true;
                }

            var cells = new Cells
            {
                DelegatePercentile = delegatePercentile, StartupPercentile = startupPercentile, DelegateTier = delegateTier, StartupTier = startupTier,
                RowOrder = rowOrder, ColumnOrder = columnOrder, DelegateLists = new int[rows][], StartupLists = new int[columns][],
            };
            cells.Rank(delegates, startups, previous, rowResort, columnResort);
            return cells;
        }

        private static double[] Own(double[][] rows, bool[] own, int d)
        {
            if (!own[d])
            {
                rows[d] = (double[])rows[d].Clone();
                own[d] = true;
            }
            return rows[d];
        }

        private static void SetTiers(sbyte[][] delegateTier, sbyte[][] startupTier, int d, int s, PairSignals? pair)
        {
            delegateTier[d][s] = (sbyte)Tier(pair, Perspective.CorporateBrowses);
            startupTier[d][s] = (sbyte)Tier(pair, Perspective.StartupBrowses);
        }

        /// <summary>The ranked lists; a list not marked for re-sorting is the previous table's, and a re-sort starts from its previous order.</summary>
        private void Rank(Participants<CorporateView, DelegateProfile> delegates, Participants<CandidateView, StartupProfile> startups,
            EventMatchTable? previous, bool[]? rowResort, bool[]? columnResort)
        {
            int rows = delegates.Count, columns = startups.Count;
            var startupRank = OrdinalRanks(startups.Ids);
            for (var d = 0; d < rows; d++)
            {
                if (previous is not null && !rowResort![d])
                {
                    DelegateLists[d] = previous.delegateLists[d];
                    continue;
                }
                double[] mine = DelegatePercentile[d], theirs = StartupPercentile[d];
                var tier = DelegateTier[d];
                DelegateLists[d] = EventMatchTable.Rank(columns, s => new RankKey(tier[s], Math.Sqrt(mine[s] * theirs[s]), startupRank[s], s),
                    previous?.delegateLists[d]);
            }
            var delegateRank = OrdinalRanks(delegates.Ids);
            for (var s = 0; s < columns; s++)
            {
                if (previous is not null && !columnResort![s])
                {
                    StartupLists[s] = previous.startupLists[s];
                    continue;
                }
                StartupLists[s] = EventMatchTable.Rank(rows, d => new RankKey(StartupTier[d][s], Math.Sqrt(DelegatePercentile[d][s] * StartupPercentile[d][s]), delegateRank[d], d),
                    previous?.startupLists[s]);
            }
        }
    }

    /// <summary>Ranked startups for a delegate; null when the delegate is unknown to this table.</summary>
    public IReadOnlyList<EventMatch>? ForDelegate(string delegateId, int limit, MatchFilter? filter = null) => ForDelegate(delegateId, limit, filter, out _);

    /// <param name="scanned">How many entries of the ranked list the answer was taken from (for <see cref="SameDelegateList"/>).</param>
    public IReadOnlyList<EventMatch>? ForDelegate(string delegateId, int limit, MatchFilter? filter, out int scanned)
    {
        scanned = 0;
        var d = delegates.IndexOf(delegateId);
        if (d < 0) return null;
        var result = new List<EventMatch>();
        foreach (var s in delegateLists[d])
        {
            if (result.Count >= limit) break;
            scanned++;
            if (Accepts(startups.Profiles[s], filter)) result.Add(WithReasons(Entry(d, s, Perspective.CorporateBrowses), d * startups.Count + s, Perspective.CorporateBrowses));
        }
        return result;
    }

    /// <summary>Ranked delegates for a startup; stage filters nothing here (delegates have no stage).</summary>
    public IReadOnlyList<EventMatch>? ForStartup(string startupId, int limit, MatchFilter? filter = null) => ForStartup(startupId, limit, filter, out _);

    /// <param name="scanned">How many entries of the ranked list the answer was taken from (for <see cref="SameStartupList"/>).</param>
    public IReadOnlyList<EventMatch>? ForStartup(string startupId, int limit, MatchFilter? filter, out int scanned)
    {
        scanned = 0;
        var s = startups.IndexOf(startupId);
        if (s < 0) return null;
        var result = new List<EventMatch>();
        foreach (var d in startupLists[s])
        {
            if (result.Count >= limit) break;
            scanned++;
            if (Accepts(delegates.Profiles[d], filter)) result.Add(WithReasons(Entry(d, s, Perspective.StartupBrowses), d * startups.Count + s, Perspective.StartupBrowses));
        }
        return result;
    }

    /// <summary>
    /// True when the first <paramref name="scanned"/> entries of a delegate's list read exactly as in <paramref name="previous"/>:
    /// the same startups in the same order with the same percentiles and placements, and the same views, profiles and
    /// signals for the delegate and each of those startups, so an answer worded from the previous table (reasons included)
    /// is still this table's. A list re-sorted below what was read still qualifies: most lists a write re-sorts keep their head.
    /// </summary>
    public bool SameDelegateList(EventMatchTable previous, string delegateId, int scanned) =>
        delegates.IndexOf(delegateId) is >= 0 and var d && SameShape(previous)
        && SameParticipant(delegates, previous.delegates, d)
        && SameHead(delegateLists[d], previous.delegateLists[d], scanned, s => SameCell(previous, d, s) && SameParticipant(startups, previous.startups, s));

    /// <summary>The same for a startup's list of delegates.</summary>
    public bool SameStartupList(EventMatchTable previous, string startupId, int scanned) =>
        startups.IndexOf(startupId) is >= 0 and var s && SameShape(previous)
        && SameParticipant(startups, previous.startups, s)
        && SameHead(startupLists[s], previous.startupLists[s], scanned, d => SameCell(previous, d, s) && SameParticipant(delegates, previous.delegates, d));

    // Tables of one shape index the same pairs alike, so their cells compare directly.
    private bool SameShape(EventMatchTable previous) => ReferenceEquals(shape, previous.shape);

    private static bool SameHead(int[] list, int[] before, int scanned, Func<int, bool> sameEntry)
    {
        for (var i = 0; i < Math.Min(scanned, list.Length); i++)
            if (list[i] != before[i] || !sameEntry(list[i])) return false;
        return true;
    }

    private bool SameCell(EventMatchTable previous, int d, int s) =>
        delegatePercentile[d][s] == previous.delegatePercentile[d][s] && startupPercentile[d][s] == previous.startupPercentile[d][s]
        && delegateTier[d][s] == previous.delegateTier[d][s] && startupTier[d][s] == previous.startupTier[d][s];

    private static bool SameParticipant<TView, TProfile>(Participants<TView, TProfile> now, Participants<TView, TProfile> before, int i) =>
        ReferenceEquals(now.Views[i], before.Views[i]) && ReferenceEquals(now.Profiles[i], before.Profiles[i]);

    /// <summary>The profile this table ranked a startup with; null when unknown.</summary>
    public StartupProfile? StartupProfile(string startupId) => startups.IndexOf(startupId) is >= 0 and var s ? startups.Profiles[s] : null;

    /// <summary>The profile this table ranked a delegate with; null when unknown.</summary>
    public DelegateProfile? DelegateProfile(string delegateId) => delegates.IndexOf(delegateId) is >= 0 and var d ? delegates.Profiles[d] : null;

    /// <summary>A delegate's whole ranked list without reasons, for the batch; empty for an unknown delegate.</summary>
    public IEnumerable<EventMatch> RankedForDelegate(string delegateId) =>
        delegates.IndexOf(delegateId) is >= 0 and var d ? delegateLists[d].Select(s => Entry(d, s, Perspective.CorporateBrowses)) : [];

    /// <summary>A startup's whole ranked list without reasons, for the batch; empty for an unknown startup.</summary>
    public IEnumerable<EventMatch> RankedForStartup(string startupId) =>
        startups.IndexOf(startupId) is >= 0 and var s ? startupLists[s].Select(d => Entry(d, s, Perspective.StartupBrowses)) : [];

    /// <summary>Every pair once, with its reciprocal score and without reasons, delegate by delegate in rank order.</summary>
    public IEnumerable<EventMatch> AllPairs() =>
        Enumerable.Range(0, delegates.Count).SelectMany(d => delegateLists[d].Select(s => Entry(d, s, Perspective.CorporateBrowses)));

    private EventMatch Entry(int d, int s, Perspective perspective)
    {
        double mine = delegatePercentile[d][s], theirs = startupPercentile[d][s];
        var (browser, other) = perspective == Perspective.CorporateBrowses ? (mine, theirs) : (theirs, mine);
        return new EventMatch(delegates.Ids[d], startups.Ids[s], Math.Sqrt(mine * theirs), browser, other, []);
    }

    /// <summary>Reasons are worded only for the entries a list returns: a table of every pair stays small.</summary>
    /// <remarks>Wording costs more than the rest of a read, so each pair's words are kept for every table of this shape (see WordedReasons).</remarks>
    private EventMatch WithReasons(EventMatch match, int cell, Perspective perspective)
    {
        var (delegateView, startupView) = (delegates.ViewOf(match.DelegateId), startups.ViewOf(match.StartupId));
        if (shape.TryGet(cell, perspective, delegateView, startupView) is not { } words)
        {
            words = model.Explain(new RankingPair(delegateView, startupView, perspective, signalOf.GetValueOrDefault((match.DelegateId, match.StartupId))));
            shape.Keep(cell, perspective, delegateView, startupView, words);
        }
        return match with { Reasons = words };
    }

    /// <summary>Each pair's last signals: what placement reads.</summary>
    public static Dictionary<(string DelegateId, string StartupId), PairSignals> SignalsOf(IReadOnlyList<EventSignal> signals) =>
        signals.GroupBy(s => (s.DelegateId, s.StartupId)).ToDictionary(g => g.Key, g => g.Last().Signals);

    /// <summary>Pairs whose signals differ, comparing every signal of a pair in order (views read them all).</summary>
    private static List<(string DelegateId, string StartupId)> ChangedPairs(IReadOnlyList<EventSignal> before, IReadOnlyList<EventSignal> after)
    {
        static Dictionary<(string, string), List<PairSignals>> Grouped(IReadOnlyList<EventSignal> signals)
        {
            var grouped = new Dictionary<(string, string), List<PairSignals>>();
            foreach (var s in signals)
            {
                if (!grouped.TryGetValue((s.DelegateId, s.StartupId), out var list)) grouped[(s.DelegateId, s.StartupId)] = list = [];
                list.Add(s.Signals);
            }
            return grouped;
        }
        var (old, next) = (Grouped(before), Grouped(after));
        return [.. old.Keys.Union(next.Keys).Where(pair => !(old.GetValueOrDefault(pair) ?? []).SequenceEqual(next.GetValueOrDefault(pair) ?? []))];
    }

    internal static bool Accepts(StartupProfile startup, MatchFilter? filter) =>
        filter is null ||
        (filter.Sector is null || startup.Sectors.Contains(filter.Sector, StringComparer.Ordinal)) &&
        (filter.Stage is null || startup.Stage == filter.Stage) &&
        (filter.Country is null || string.Equals(startup.Country, filter.Country, StringComparison.OrdinalIgnoreCase));

    internal static bool Accepts(DelegateProfile @delegate, MatchFilter? filter) =>
        filter is null ||
        (filter.Sector is null || @delegate.CompanySector == filter.Sector || @delegate.Interests.Contains(filter.Sector, StringComparer.Ordinal)) &&
        (filter.Country is null || string.Equals(@delegate.CompanyCountry, filter.Country, StringComparison.OrdinalIgnoreCase));

    /// <summary>The placement, then the fused score (higher first), then the other party's id: a total order, so any table sorts a list alike.</summary>
    internal readonly record struct RankKey(int Tier, double Fused, int IdRank, int Index) : IComparable<RankKey>
    {
        public int CompareTo(RankKey other) =>
            Tier != other.Tier ? Tier.CompareTo(other.Tier)
            : Fused != other.Fused ? other.Fused.CompareTo(Fused)
            : IdRank.CompareTo(other.IdRank);
    }

    /// <summary>
    /// The list in rank order. Given the previous order of the same entries, it starts from there: after a small change a
    /// list is nearly sorted and an insertion sort finishes in about one pass; past a budget of moves it sorts afresh.
    /// The order is total (ids break ties), so either way the result is the same.
    /// </summary>
    private static int[] Rank(int count, Func<int, RankKey> key, int[]? previousOrder)
    {
        var keys = new RankKey[count];
        if (previousOrder is null || !InsertionSorted(keys, previousOrder, key))
        {
            for (var i = 0; i < count; i++) keys[i] = key(i);
            Array.Sort(keys);
        }
        var list = new int[count];
        for (var i = 0; i < count; i++) list[i] = keys[i].Index;
        return list;
    }

    private static bool InsertionSorted(RankKey[] keys, int[] previousOrder, Func<int, RankKey> key)
    {
        var budget = 8L * keys.Length;
        for (var i = 0; i < keys.Length; i++)
        {
            var item = key(previousOrder[i]);
            var j = i;
            while (j > 0 && item.CompareTo(keys[j - 1]) < 0)
            {
                keys[j] = keys[j - 1];
                j--;
                if (--budget < 0) return false;
            }
            keys[j] = item;
        }
        return true;
    }

    internal static int[] OrdinalRanks(string[] ids)
    {
        var order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();
        var rank = new int[ids.Length];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
        return rank;
    }

    internal static int Tier(PairSignals? s, Perspective perspective)
    {
        if (s is null) return 1;
        if (s.Declined) return 2;
        var otherAsked = perspective == Perspective.CorporateBrowses ? s.StartupRequested : s.DelegateInvited;
        return otherAsked ? 0 : 1;
    }

    /// <summary>Which pairs' raw scores moved, by row and by column.</summary>
    private sealed class MovedScores(int rows, int columns)
    {
        private readonly List<int>?[] columnsOfRow = new List<int>?[rows];
        private readonly List<int>?[] rowsOfColumn = new List<int>?[columns];

        public void Mark(int d, int s)
        {
            (columnsOfRow[d] ??= []).Add(s);
            (rowsOfColumn[s] ??= []).Add(d);
        }

        public IReadOnlyList<int> InRow(int d) => columnsOfRow[d] ?? [];

        public IReadOnlyList<int> InColumn(int s) => rowsOfColumn[s] ?? [];
    }

    /// <summary>
    /// Reasons worded for the pairs of tables of one shape, each with the two views it was worded from: reasons read
    /// only those views and the pair's signals (a changed signal renews both views), so an entry is right for any table
    /// whose views of the pair are the same objects. Reads may come from several threads (the grain, the batch, tools).
    /// </summary>
    private sealed class WordedReasons
    {
        private sealed record Worded(CorporateView Delegate, CandidateView Startup, IReadOnlyList<string> Words);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Cell, Perspective Perspective), Worded> words = new();

        public IReadOnlyList<string>? TryGet(int cell, Perspective perspective, CorporateView @delegate, CandidateView startup) =>
            words.TryGetValue((cell, perspective), out var worded) && ReferenceEquals(worded.Delegate, @delegate) && ReferenceEquals(worded.Startup, startup)
                ? worded.Words
                : null;

        public void Keep(int cell, Perspective perspective, CorporateView @delegate, CandidateView startup, IReadOnlyList<string> reasons) =>
            words[(cell, perspective)] = new Worded(@delegate, startup, reasons);
    }
}

/// <summary>One side of a table: ids in input order, their views and profiles, and an index by id.</summary>
internal sealed class Participants<TView, TProfile>
{
    private readonly Dictionary<string, int> index;

    public Participants(string[] ids, TView[] views, TProfile[] profiles)
    {
        Ids = ids;
        Views = views;
        Profiles = profiles;
        index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++) index[ids[i]] = i;
    }

    public string[] Ids { get; }

    public TView[] Views { get; }

    public TProfile[] Profiles { get; }

    public int Count => Ids.Length;

    public bool Contains(string id) => index.ContainsKey(id);

    public int IndexOf(string id) => index.GetValueOrDefault(id, -1);

    public TView ViewOf(string id) => Views[index[id]];
}
