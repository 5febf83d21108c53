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
/// Every delegate–startup pair of an event scored in both directions, fused, and indexed for both
/// matches endpoints. Built by the batch (or on a profile change) in one scoring call; reading a list is
/// a lookup and a filter, cheap enough for a request path.
/// </summary>
/// <remarks>
/// Fusion: each direction's raw score becomes a percentile within the browsing party's own list
/// (raw scores compare only within a group), and the shown score is their geometric mean. The
/// geometric mean lets a pair rank high only when both sides rank each other high (a startup every
/// delegate wants but who wants none of them does not flood every list), and unlike the harmonic mean it
/// stays informative when one side's percentile is small. Placement rule: a pair the other party has
/// asked for (request or invitation, not declined) comes first, declined pairs come last, the fused score
/// orders the rest.
/// </remarks>
public sealed class EventMatchTable
{
    private readonly Dictionary<string, EventMatch[]> byDelegate;
    private readonly Dictionary<string, EventMatch[]> byStartup;
    private readonly Dictionary<string, StartupProfile> startups;
    private readonly Dictionary<string, DelegateProfile> delegates;

    private readonly RankingModel model;
    private readonly Dictionary<(string, string), PairSignals> signalOf;
    private readonly Dictionary<string, CorporateView> corporateViews;
    private readonly Dictionary<string, CandidateView> candidateViews;

    private EventMatchTable(RankingModel model, Dictionary<string, EventMatch[]> byDelegate, Dictionary<string, EventMatch[]> byStartup,
        Dictionary<(string, string), PairSignals> signalOf, Dictionary<string, CorporateView> corporateViews, Dictionary<string, CandidateView> candidateViews,
        Dictionary<string, StartupProfile> startups, Dictionary<string, DelegateProfile> delegates)
    {
        this.model = model;
        this.signalOf = signalOf;
        this.corporateViews = corporateViews;
        this.candidateViews = candidateViews;
        this.byDelegate = byDelegate;
        this.byStartup = byStartup;
        this.startups = startups;
        this.delegates = delegates;
    }

    public static EventMatchTable Build(RankingModel model, IReadOnlyList<EventDelegate> eventDelegates, IReadOnlyList<EventStartup> eventStartups,
        IReadOnlyList<EventSignal> signals, DateOnly asOf)
    {
        var signalOf = signals.GroupBy(s => (s.DelegateId, s.StartupId)).ToDictionary(g => g.Key, g => g.Last().Signals);
        var (corporates, candidates) = EventViews.All(eventDelegates, eventStartups, signals, asOf);

        var pairs = new List<RankingPair>(corporates.Count * candidates.Count * 2);
        foreach (var perspective in (Perspective[])[Perspective.CorporateBrowses, Perspective.StartupBrowses])
            for (var d = 0; d < corporates.Count; d++)
                for (var s = 0; s < candidates.Count; s++)
                    pairs.Add(new RankingPair(corporates[d], candidates[s], perspective,
                        signalOf.GetValueOrDefault((corporates[d].Id, candidates[s].Id))));
        var scores = model.ScoreOnly(pairs);
        int Index(Perspective p, int d, int s) => (p == Perspective.CorporateBrowses ? 0 : corporates.Count * candidates.Count) + d * candidates.Count + s;

        // Percentile of each pair within the browsing party's own list.
        var delegatePercentile = new double[corporates.Count, candidates.Count];
        for (var d = 0; d < corporates.Count; d++)
        {
            var raw = Enumerable.Range(0, candidates.Count).Select(s => scores[Index(Perspective.CorporateBrowses, d, s)]).ToArray();
            var pct = Percentiles(raw);
            for (var s = 0; s < candidates.Count; s++) delegatePercentile[d, s] = pct[s];
        }
        var startupPercentile = new double[corporates.Count, candidates.Count];
        for (var s = 0; s < candidates.Count; s++)
        {
            var raw = Enumerable.Range(0, corporates.Count).Select(d => scores[Index(Perspective.StartupBrowses, d, s)]).ToArray();
            var pct = Percentiles(raw);
            for (var d = 0; d < corporates.Count; d++) startupPercentile[d, s] = pct[d];
        }

        var byDelegate = new Dictionary<string, EventMatch[]>(StringComparer.Ordinal);
        for (var d = 0; d < corporates.Count; d++)
            byDelegate[corporates[d].Id] = Order(Enumerable.Range(0, candidates.Count).Select(s => new EventMatch(
                corporates[d].Id, candidates[s].Id, Math.Sqrt(delegatePercentile[d, s] * startupPercentile[d, s]),
                delegatePercentile[d, s], startupPercentile[d, s], [])),
                m => signalOf.GetValueOrDefault((m.DelegateId, m.StartupId)), Perspective.CorporateBrowses);
        var byStartup = new Dictionary<string, EventMatch[]>(StringComparer.Ordinal);
        for (var s = 0; s < candidates.Count; s++)
            byStartup[candidates[s].Id] = Order(Enumerable.Range(0, corporates.Count).Select(d => new EventMatch(
                corporates[d].Id, candidates[s].Id, Math.Sqrt(delegatePercentile[d, s] * startupPercentile[d, s]),
                startupPercentile[d, s], delegatePercentile[d, s], [])),
                m => signalOf.GetValueOrDefault((m.DelegateId, m.StartupId)), Perspective.StartupBrowses);

        return new EventMatchTable(model, byDelegate, byStartup, signalOf,
            corporates.ToDictionary(c => c.Id, StringComparer.Ordinal), candidates.ToDictionary(c => c.Id, StringComparer.Ordinal),
            eventStartups.ToDictionary(s => s.Id, s => s.Profile, StringComparer.Ordinal),
            eventDelegates.ToDictionary(d => d.Id, d => d.Profile, StringComparer.Ordinal));
    }

    /// <summary>Ranked startups for a delegate; null when the delegate is unknown to this table.</summary>
    public IReadOnlyList<EventMatch>? ForDelegate(string delegateId, int limit, MatchFilter? filter = null)
    {
        if (!byDelegate.TryGetValue(delegateId, out var list)) return null;
        return [.. list.Where(m => Accepts(startups[m.StartupId], filter)).Take(limit).Select(m => WithReasons(m, Perspective.CorporateBrowses))];
    }

    /// <summary>Ranked delegates for a startup; stage filters nothing here (delegates have no stage).</summary>
    public IReadOnlyList<EventMatch>? ForStartup(string startupId, int limit, MatchFilter? filter = null)
    {
        if (!byStartup.TryGetValue(startupId, out var list)) return null;
        return [.. list.Where(m => Accepts(delegates[m.DelegateId], filter)).Take(limit).Select(m => WithReasons(m, Perspective.StartupBrowses))];
    }

    /// <summary>A delegate's whole ranked list without reasons, for the batch; empty for an unknown delegate.</summary>
    public IEnumerable<EventMatch> RankedForDelegate(string delegateId) => byDelegate.GetValueOrDefault(delegateId) ?? [];

    /// <summary>A startup's whole ranked list without reasons, for the batch; empty for an unknown startup.</summary>
    public IEnumerable<EventMatch> RankedForStartup(string startupId) => byStartup.GetValueOrDefault(startupId) ?? [];

    /// <summary>Every pair once, with its reciprocal score and without reasons.</summary>
    public IEnumerable<EventMatch> AllPairs() => byDelegate.Values.SelectMany(list => list);

    /// <summary>Reasons are worded only for the entries a list returns: a table of every pair stays small.</summary>
    private EventMatch WithReasons(EventMatch match, Perspective perspective) =>
        match with
        {
            Reasons = model.Explain(new RankingPair(corporateViews[match.DelegateId], candidateViews[match.StartupId], perspective,
                signalOf.GetValueOrDefault((match.DelegateId, match.StartupId)))),
        };

    private static bool Accepts(StartupProfile startup, MatchFilter? filter) =>
        filter is null ||
        (filter.Sector is null || startup.Sectors.Contains(filter.Sector, StringComparer.Ordinal)) &&
        (filter.Stage is null || startup.Stage == filter.Stage) &&
        (filter.Country is null || string.Equals(startup.Country, filter.Country, StringComparison.OrdinalIgnoreCase));

    private static bool Accepts(DelegateProfile @delegate, MatchFilter? filter) =>
        filter is null ||
        (filter.Sector is null || @delegate.CompanySector == filter.Sector || @delegate.Interests.Contains(filter.Sector, StringComparer.Ordinal)) &&
        (filter.Country is null || string.Equals(@delegate.CompanyCountry, filter.Country, StringComparison.OrdinalIgnoreCase));

    private static EventMatch[] Order(IEnumerable<EventMatch> matches, Func<EventMatch, PairSignals?> signal, Perspective perspective) =>
    [
        .. matches.OrderBy(m => Tier(signal(m), perspective)).ThenByDescending(m => m.Score)
            .ThenBy(m => perspective == Perspective.CorporateBrowses ? m.StartupId : m.DelegateId, StringComparer.Ordinal),
    ];

    private static int Tier(PairSignals? s, Perspective perspective)
    {
        if (s is null) return 1;
        if (s.Declined) return 2;
        var otherAsked = perspective == Perspective.CorporateBrowses ? s.StartupRequested : s.DelegateInvited;
        return otherAsked ? 0 : 1;
    }

    /// <summary>Rank percentile in (0, 1]: the best gets 1, ties share their average.</summary>
    private static double[] Percentiles(float[] raw)
    {
        var n = raw.Length;
        var result = new double[n];
        var order = Enumerable.Range(0, n).OrderBy(i => raw[i]).ToArray();
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && raw[order[j + 1]] == raw[order[i]]) j++;
            var value = ((i + j) / 2.0 + 1) / n;
            for (var k = i; k <= j; k++) result[order[k]] = value;
            i = j + 1;
        }
        return result;
    }
}
