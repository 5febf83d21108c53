namespace Matchmaker.Model.Ranking;

/// <summary>One observed engagement, reduced to what the learned statistics need.</summary>
public readonly record struct ObservedEngagement(
    string CorporateId,
    SectorSet CorporateSectors,
    SectorSet TargetSectors,
    Place TargetPlace,
    int TargetFundingBand = 0,
    int TargetAgeBand = 0);

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

    /// <summary>Share of targets per city (keyed country/city), for the city taste.</summary>
    public Dictionary<string, double> CityPrior { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Share of targets per funding band at engagement (<see cref="TasteBands.Funding"/>), neighbours smoothed.</summary>
    public double[] FundingPrior { get; init; } = Uniform(TasteBands.FundingBands);

    /// <summary>Share of targets per age band at engagement (<see cref="TasteBands.Age"/>), neighbours smoothed.</summary>
    public double[] AgePrior { get; init; } = Uniform(TasteBands.AgeBands);

    /// <summary>Empirical-Bayes prior strengths (pseudo-engagements) of each taste, estimated across corporates.</summary>
    public TasteStrengths Strength { get; init; } = new();

    private static double[] Uniform(int n) => [.. Enumerable.Repeat(1.0 / n, n)];

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

        var co = CoCounts(all);
        var own = OwnCounts(all);

        return new RankingContext
        {
            SectorPrior = prior,
            CoEngaged = Conditional(co, prior),
            OwnToTarget = Conditional(own, prior),
            CountryPrior = Shares(all.Select(e => e.TargetPlace.Country)),
            RegionPrior = Shares(all.Select(e => RegionKey(e.TargetPlace))),
            Engagements = all.Count,
            CityPrior = Shares(all.Select(e => CityKey(e.TargetPlace))),
            FundingPrior = BandPrior(all.Select(e => e.TargetFundingBand), TasteBands.FundingBands),
            AgePrior = BandPrior(all.Select(e => e.TargetAgeBand), TasteBands.AgeBands),
            Strength = Strengths(all, prior),
            RawCoEngaged = co,
            RawOwnToTarget = own,
        };
    }

    [System.Text.Json.Serialization.JsonIgnore] private double[][]? RawCoEngaged { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] private double[][]? RawOwnToTarget { get; init; }

    /// <summary>
    /// The statistics as if one corporate had engaged only <paramref name="kept"/> of its
    /// <paramref name="engagementsOfCorporate"/>: for training rows, so a corporate's cross-corporate
    /// features never contain the very engagements it is being trained to predict.
    /// </summary>
    public RankingContext WithoutLaterEngagements(IReadOnlyList<ObservedEngagement> engagementsOfCorporate, IReadOnlyList<ObservedEngagement> kept)
    {
        if (RawCoEngaged is null || RawOwnToTarget is null || engagementsOfCorporate.Count == kept.Count) return this;
        var co = Add(Add(RawCoEngaged, CoCounts(engagementsOfCorporate), -1), CoCounts(kept), 1);
        var own = Add(Add(RawOwnToTarget, OwnCounts(engagementsOfCorporate), -1), OwnCounts(kept), 1);
        return new RankingContext
        {
            SectorPrior = SectorPrior,
            CoEngaged = Conditional(co, SectorPrior),
            OwnToTarget = Conditional(own, SectorPrior),
            CountryPrior = CountryPrior,
            RegionPrior = RegionPrior,
            Engagements = Engagements,
            CityPrior = CityPrior,
            FundingPrior = FundingPrior,
            AgePrior = AgePrior,
            Strength = Strength,
        };
    }

    private static double[][] Add(double[][] a, double[][] b, double sign) =>
        [.. a.Select((row, s) => row.Select((v, t) => Math.Max(0, v + sign * b[s][t])).ToArray())];

    /// <summary>
    /// Pairs of distinct engagements of one corporate, weighted 1/(k-1) so each corporate counts once per
    /// engagement however large its portfolio is.
    /// </summary>
    private static double[][] CoCounts(IEnumerable<ObservedEngagement> all)
    {
        var n = SectorSet.Count;
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
        return co;
    }

    private static double[][] OwnCounts(IEnumerable<ObservedEngagement> all)
    {
        var n = SectorSet.Count;
        var own = new double[n][];
        for (var s = 0; s < n; s++) own[s] = new double[n];
        foreach (var e in all)
        {
            if (e.CorporateSectors.IsEmpty || e.TargetSectors.IsEmpty) continue;
            var w = 1.0 / (e.CorporateSectors.Size * e.TargetSectors.Size);
            foreach (var s in e.CorporateSectors.Indexes())
                foreach (var t in e.TargetSectors.Indexes()) own[s][t] += w;
        }
        return own;
    }

    private static double[] BandPrior(IEnumerable<int> bands, int count)
    {
        var histogram = new double[count];
        foreach (var band in bands) TasteBands.AddSmoothed(histogram, band);
        var total = histogram.Sum();
        return [.. histogram.Select(h => (h + 1) / (total + count))];
    }

    /// <summary>How strongly each corporate taste is pulled toward everyone's, from how much corporates differ.</summary>
    private static TasteStrengths Strengths(List<ObservedEngagement> all, double[] sectorPrior)
    {
        var byCorporate = all.GroupBy(e => e.CorporateId).ToList();

        double Of<TKey>(Func<ObservedEngagement, IEnumerable<(TKey Key, double Weight)>> keys) where TKey : notnull
        {
            var histories = byCorporate.Select(g =>
            {
                var h = new Dictionary<TKey, double>();
                foreach (var e in g)
                    foreach (var (key, weight) in keys(e)) h[key] = h.GetValueOrDefault(key) + weight;
                return h;
            }).ToList();
            var pooled = new Dictionary<TKey, double>();
            foreach (var h in histories)
                foreach (var (key, weight) in h) pooled[key] = pooled.GetValueOrDefault(key) + weight;
            var total = pooled.Values.Sum();
            if (total == 0) return EmpiricalBayes.MaxAlpha;
            var squares = pooled.Values.Sum(v => v / total * (v / total));
            return EmpiricalBayes.Alpha(histories, k => pooled.GetValueOrDefault(k) / total, squares);
        }

        IEnumerable<(string, double)> One(string? key) => key is null ? [] : [(key, 1.0)];
        // Bands are counted hard here: the half counts spilled to neighbours would hide part of the spread
        // between corporates and inflate the estimate. The strength then applies to the smoothed histograms.
        IEnumerable<(int, double)> Band(int band, int count) => [(band, 1.0)];

        return new TasteStrengths
        {
            Sector = Of(e => e.TargetSectors.Indexes().Select(t => (t, 1.0 / e.TargetSectors.Size))),
            Country = Of(e => One(string.IsNullOrEmpty(e.TargetPlace.Country) ? null : e.TargetPlace.Country)),
            Region = Of(e => One(RegionKey(e.TargetPlace))),
            City = Of(e => One(CityKey(e.TargetPlace))),
            Funding = Of(e => Band(e.TargetFundingBand, TasteBands.FundingBands)),
            Age = Of(e => Band(e.TargetAgeBand, TasteBands.AgeBands)),
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
    public static string? CityKey(Place place) =>
        string.IsNullOrEmpty(place.City) ? null : $"{place.Country}/{place.City}";

    public static string? RegionKey(Place place) =>
        string.IsNullOrEmpty(place.Region) || place.Region == "unknown" ? null : $"{place.Country}/{place.Region}";
}

/// <summary>Pseudo-engagements of everyone's taste added to each corporate's own history, per attribute.</summary>
public sealed record TasteStrengths
{
    public double Sector { get; init; } = 5;
    public double Country { get; init; } = 5;
    public double Region { get; init; } = 5;
    public double City { get; init; } = 5;
    public double Funding { get; init; } = 5;
    public double Age { get; init; } = 5;
}
