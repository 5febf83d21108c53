namespace Matchmaker.Model.Ranking;

/// <summary>One observed engagement, reduced to what the learned statistics need.</summary>
public readonly record struct ObservedEngagement(
    string CorporateId,
    SectorSet CorporateSectors,
    SectorSet TargetSectors,
    Place TargetPlace);

/// <summary>
/// Statistics learned from engagements across all corporates (never from the pair being scored's
/// future): how often each sector is a target, which target sectors go together in one corporate's
/// history, which target sectors corporates of a given sector pick, and where targets are.
/// Saved inside the model so serving computes exactly the features training saw.
/// </summary>
public sealed class RankingContext
{
    public double[] SectorPrior { get; init; } = new double[SectorSet.Count];

    /// <summary>P(target sector t | the same corporate also engaged sector s), row s.</summary>
    public double[][] CoEngaged { get; init; } = EmptyMatrix();

    /// <summary>P(target sector t | the corporate's own sector is s), row s.</summary>
    public double[][] OwnToTarget { get; init; } = EmptyMatrix();

    public Dictionary<string, double> CountryPrior { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> RegionPrior { get; init; } = new(StringComparer.Ordinal);

    public int Engagements { get; init; }

    private static double[][] EmptyMatrix() => [.. Enumerable.Range(0, SectorSet.Count).Select(_ => new double[SectorSet.Count])];

    public static RankingContext Learn(IEnumerable<ObservedEngagement> engagements)
    {
        var all = engagements.ToList();
        var n = SectorSet.Count;

        var prior = new double[n];
        foreach (var e in all)
            foreach (var t in e.TargetSectors.Indexes()) prior[t] += 1.0 / e.TargetSectors.Size;
        var priorTotal = prior.Sum();
        for (var t = 0; t < n; t++) prior[t] = (prior[t] + 1) / (priorTotal + n); // one pseudo-count: no sector is impossible

        // Pairs of distinct engagements of one corporate, weighted 1/(k-1) so each corporate counts
        // once per engagement however large its portfolio is.
        var co = new double[n][];
        for (var s = 0; s < n; s++) co[s] = new double[n];
        foreach (var group in all.GroupBy(e => e.CorporateId))
        {
            var targets = group.Select(e => e.TargetSectors).Where(s => !s.IsEmpty).ToList();
            if (targets.Count < 2) continue;
            var weight = 1.0 / (targets.Count - 1);
            for (var i = 0; i < targets.Count; i++)
                for (var j = 0; j < targets.Count; j++)
                {
                    if (i == j) continue;
                    var w = weight / (targets[i].Size * targets[j].Size);
                    foreach (var s in targets[i].Indexes())
                        foreach (var t in targets[j].Indexes()) co[s][t] += w;
                }
        }

        var own = new double[n][];
        for (var s = 0; s < n; s++) own[s] = new double[n];
        foreach (var e in all)
        {
            if (e.CorporateSectors.IsEmpty || e.TargetSectors.IsEmpty) continue;
            var w = 1.0 / (e.CorporateSectors.Size * e.TargetSectors.Size);
            foreach (var s in e.CorporateSectors.Indexes())
                foreach (var t in e.TargetSectors.Indexes()) own[s][t] += w;
        }

        return new RankingContext
        {
            SectorPrior = prior,
            CoEngaged = Conditional(co, prior),
            OwnToTarget = Conditional(own, prior),
            CountryPrior = Shares(all.Select(e => e.TargetPlace.Country)),
            RegionPrior = Shares(all.Select(e => RegionKey(e.TargetPlace))),
            Engagements = all.Count,
        };
    }

    /// <summary>Rows with little evidence fall back towards the prior (one pseudo-engagement of it).</summary>
    private static double[][] Conditional(double[][] counts, double[] prior)
    {
        var n = prior.Length;
        var result = new double[n][];
        for (var s = 0; s < n; s++)
        {
            var total = counts[s].Sum();
            result[s] = new double[n];
            for (var t = 0; t < n; t++) result[s][t] = (counts[s][t] + prior[t]) / (total + 1);
        }
        return result;
    }

    private static Dictionary<string, double> Shares(IEnumerable<string?> keys)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0;
        foreach (var key in keys)
        {
            total++;
            if (string.IsNullOrEmpty(key)) continue;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        foreach (var key in counts.Keys.ToList()) counts[key] /= Math.Max(total, 1);
        return counts;
    }

    /// <summary>Region names repeat across countries (Cambridge, Portland), so they are keyed with the country.</summary>
    public static string? RegionKey(Place place) =>
        string.IsNullOrEmpty(place.Region) || place.Region == "unknown" ? null : $"{place.Country}/{place.Region}";
}
