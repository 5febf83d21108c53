using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>The pair feature vector: one definition for training, evaluation and serving.</summary>
public static class PairFeatures
{
    public const int SectorJaccard = 0;
    public const int HistorySectorCosine = 1;
    public const int HistorySectorShare = 2;
    public const int CoEngagedAffinity = 3;
    public const int CoEngagedLift = 4;
    public const int OwnSectorLift = 5;
    public const int SectorPrior = 6;
    public const int SameCountry = 7;
    public const int SameRegion = 8;
    public const int SameCity = 9;
    public const int HistoryCountryShare = 10;
    public const int HistoryRegionShare = 11;
    public const int CountryPrior = 12;
    public const int RegionPrior = 13;
    public const int CandidateAgeYears = 14;
    public const int AgeGap = 15;
    public const int LogFunding = 16;
    public const int StageShare = 17;
    public const int StageGap = 18;
    public const int SeeksMatch = 19;
    public const int LogHistorySize = 20;
    public const int CandidatePopularity = 21;
    public const int SectorTaste = 22;
    public const int CountryTaste = 23;
    public const int RegionTaste = 24;
    public const int CityTaste = 25;
    public const int FundingTaste = 26;
    public const int AgeTaste = 27;
    public const int TasteLogLift = 28;
    public const int FundingGap = 29;
    public const int CandidateSectorTaste = 30;
    public const int CandidateCountryTaste = 31;

    public static readonly IReadOnlyList<string> Names =
    [
        "sector_jaccard", "history_sector_cosine", "history_sector_share", "co_engaged_affinity", "co_engaged_lift",
        "own_sector_lift", "sector_prior", "same_country", "same_region", "same_city", "history_country_share",
        "history_region_share", "country_prior", "region_prior", "candidate_age_years", "age_gap", "log_funding",
        "stage_share", "stage_gap", "seeks_match", "log_history_size", "candidate_popularity",
        "sector_taste", "country_taste", "region_taste", "city_taste", "funding_taste", "age_taste", "taste_log_lift",
        "funding_gap", "candidate_sector_taste", "candidate_country_taste",
    ];

    /// <summary>The vector length, as a constant because ML.NET column attributes need one.</summary>
    public const int Length = 32;

    public static int Count => Names.Count;

    /// <summary>Unknown numeric values; trees split it off from every real value, which are all ≥ 0.</summary>
    public const float Missing = -1f;

    /// <remarks>
    /// Event signals are deliberately not features: requests and accepts are what retraining learns to
    /// predict (its labels), a Crunchbase-trained model never sees them, and as inputs they would leak
    /// the label. They act through reasons and the placement rule of <see cref="EventMatchTable"/>.
    /// Both perspectives share the vector: a pair's fit is symmetric; who browses changes the group and the words.
    /// </remarks>
    public static void Compute(PreparedCorporate corporate, PreparedCandidate candidate, Span<float> into)
    {
        var sectors = candidate.Sectors;
        into[SectorJaccard] = (float)corporate.SectorsOfInterest.Jaccard(sectors);

        double share = 0, affinity = 0, ownLift = 0, prior = 0;
        var count = 0;
        // A bit loop rather than SectorSet.Indexes(): no iterator allocation on the hot path.
        double cosine = 0;
        double sectorTaste = 0;
        for (var bits = sectors.Bits; bits != 0; bits &= bits - 1)
        {
            var t = System.Numerics.BitOperations.TrailingZeroCount(bits);
            count++;
            sectorTaste = Math.Max(sectorTaste, corporate.SectorTaste[t]);
            cosine += corporate.HistoryWeights[t];
            share = Math.Max(share, corporate.HistorySectorShare[t]);
            affinity = Math.Max(affinity, corporate.CoEngagedAffinity[t]);
            ownLift = Math.Max(ownLift, corporate.OwnSectorLift[t]);
            prior = Math.Max(prior, corporate.SectorPrior[t]);
        }
        into[HistorySectorCosine] = count == 0 || corporate.HistoryNorm == 0 ? 0 : (float)(cosine / (corporate.HistoryNorm * Math.Sqrt(count)));
        into[HistorySectorShare] = (float)share;
        into[CoEngagedAffinity] = count == 0 ? Missing : (float)affinity;
        into[CoEngagedLift] = count == 0 || prior == 0 ? Missing : (float)(affinity / prior);
        into[OwnSectorLift] = count == 0 || corporate.OwnSectors.IsEmpty ? Missing : (float)ownLift;
        into[SectorPrior] = count == 0 ? Missing : (float)prior;

        var home = corporate.Home;
        var place = candidate.Place;
        into[SameCountry] = Same(home.Country, place.Country);
        into[SameRegion] = candidate.RegionKey is null || corporate.HomeRegionKey is null ? Missing : candidate.RegionKey == corporate.HomeRegionKey ? 1 : 0;
        into[SameCity] = Same(home.City, place.City);
        into[HistoryCountryShare] = place.Country is null ? Missing : (float)corporate.CountryShares.GetValueOrDefault(place.Country);
        into[HistoryRegionShare] = candidate.RegionKey is null ? Missing : (float)corporate.RegionShares.GetValueOrDefault(candidate.RegionKey);
        into[CountryPrior] = place.Country is null ? Missing : (float)candidate.CountryPrior;
        into[RegionPrior] = candidate.RegionKey is null ? Missing : (float)candidate.RegionPrior;

        var age = candidate.FoundedYear is { } founded ? Math.Max(0, corporate.AsOfYear - founded) : (double?)null;
        into[CandidateAgeYears] = age is { } a ? (float)a : Missing;
        into[AgeGap] = age is { } a2 && corporate.TypicalTargetAge is { } typical ? (float)Math.Abs(a2 - typical) : Missing;
        into[LogFunding] = candidate.FundingUsd is { } usd ? (float)Math.Log10(1 + usd) : Missing;

        var stage = candidate.StageRank;
        into[StageShare] = stage < 0 || corporate.StageWeightTotal == 0 ? Missing : (float)(corporate.StageWeights[stage] / corporate.StageWeightTotal);
        into[StageGap] = stage < 0 || corporate.StageWeightTotal == 0 ? Missing : (float)Math.Abs(stage - corporate.MeanStageRank);
        into[SeeksMatch] = candidate.Seeks.Count == 0 || corporate.Engagements.Count == 0 ? Missing
            : candidate.Seeks.Any(corporate.Engagements.Contains) ? 1 : 0;
        into[LogHistorySize] = (float)Math.Log(1 + corporate.HistorySize);
        into[CandidatePopularity] = (float)Math.Log(1 + candidate.PriorEngagements);

        // The corporate's own taste, learned from its history and smoothed toward everyone's (see Taste.cs).
        into[SectorTaste] = count == 0 ? Missing : (float)sectorTaste;
        // Places nest: a city's taste backs off to its region's, a region's to its country's, a country's to everyone's.
        var countryTaste = place.Country is null ? 1 : corporate.CountryTaste.GetValueOrDefault(place.Country, corporate.CountryTasteUnseen);
        var regionTaste = candidate.RegionKey is null ? countryTaste
            : (corporate.RegionEvidence.GetValueOrDefault(candidate.RegionKey) + corporate.RegionStrength * countryTaste) / (corporate.RegionCount + corporate.RegionStrength);
        var cityTaste = candidate.CityKey is null ? regionTaste
            : (corporate.CityEvidence.GetValueOrDefault(candidate.CityKey) + corporate.CityStrength * regionTaste) / (corporate.CityCount + corporate.CityStrength);
        into[CountryTaste] = place.Country is null ? Missing : (float)countryTaste;
        into[RegionTaste] = candidate.RegionKey is null ? Missing : (float)regionTaste;
        into[CityTaste] = candidate.CityKey is null ? Missing : (float)cityTaste;
        var fundingTaste = corporate.FundingTaste[candidate.FundingBand];
        var ageBand = candidate.FoundedYear is { } year ? TasteBands.Age(Math.Max(0, corporate.AsOf.Year - year)) : 0;
        var ageTaste = corporate.AgeTaste[ageBand];
        into[FundingTaste] = (float)fundingTaste;
        into[AgeTaste] = (float)ageTaste;
        // Naive-Bayes sum of the log lifts: what a taste of independent factors makes of this candidate.
        var where = regionTaste; // a region holds its country; cities are left to the trees (their strength is not estimated against the region)
        into[TasteLogLift] = (float)(Math.Log(count == 0 ? 1 : sectorTaste) + Math.Log(where) + Math.Log(fundingTaste) + Math.Log(ageTaste));
        into[FundingGap] = candidate.LogFunding is { } logFunding && corporate.TypicalLogFunding is { } typicalFunding
            ? (float)Math.Abs(logFunding - typicalFunding) : Missing;

        // Reciprocal: how much this startup has gone for corporates like this one, where the data records it.
        if (candidate.PartnerCount == 0)
        {
            into[CandidateSectorTaste] = Missing;
            into[CandidateCountryTaste] = Missing;
        }
        else
        {
            double partnerSector = 0;
            for (var bits = corporate.OwnSectors.Bits; bits != 0; bits &= bits - 1)
                partnerSector = Math.Max(partnerSector, candidate.PartnerSectorTaste[System.Numerics.BitOperations.TrailingZeroCount(bits)]);
            into[CandidateSectorTaste] = corporate.OwnSectors.IsEmpty ? Missing : (float)partnerSector;
            into[CandidateCountryTaste] = home.Country is null ? Missing
                : (float)candidate.PartnerCountryTaste.GetValueOrDefault(home.Country, candidate.PartnerCountryTasteUnseen);
        }
    }

    private static float Same(string? a, string? b) =>
        string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b) ? Missing : string.Equals(a, b, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
}

/// <summary>
/// A corporate with everything that does not depend on the candidate computed once, so a pair costs
/// only lookups. History stands in for interests and the other way round.
/// </summary>
public sealed class PreparedCorporate
{
    public PreparedCorporate(CorporateView view, RankingContext context)
    {
        View = view;
        var n = SectorSet.Count;
        OwnSectors = SectorSet.Of(view.OwnSectors);
        Home = view.Home;
        HomeRegionKey = RankingContext.RegionKey(view.Home);
        AsOfYear = view.AsOf.Year + (view.AsOf.DayOfYear - 1) / 365.0;
        HistorySize = view.History.Count;
        SectorPrior = context.SectorPrior;

        // Weights over target sectors: the history when there is one, else the declared interests.
        HistoryWeights = new double[n];
        // Declared interests count as evidence beside the history (an event delegate has both; Crunchbase has no interests).
        var pseudo = view.History.Select(h => SectorSet.Of(h.Sectors)).Concat(view.Interests.Select(i => SectorSet.Of(i)));
        foreach (var set in pseudo)
            foreach (var t in set.Indexes()) HistoryWeights[t] += 1.0 / set.Size;
        var total = HistoryWeights.Sum();
        HistoryNorm = Math.Sqrt(HistoryWeights.Sum(w => w * w));
        HistorySectorShare = [.. HistoryWeights.Select(w => total == 0 ? 0 : w / total)];

        SectorsOfInterest = SectorSet.Of(view.Interests).Union(new SectorSet(HistoryWeights.Select((w, i) => w > 0 ? 1UL << i : 0).Aggregate(0UL, (a, b) => a | b)));

        CoEngagedAffinity = new double[n];
        if (total > 0)
            for (var s = 0; s < n; s++)
            {
                if (HistorySectorShare[s] == 0) continue;
                for (var t = 0; t < n; t++) CoEngagedAffinity[t] += HistorySectorShare[s] * context.CoEngaged[s][t];
            }
        else
            Array.Copy(context.SectorPrior, CoEngagedAffinity, n);

        OwnSectorLift = new double[n];
        if (!OwnSectors.IsEmpty)
            for (var t = 0; t < n; t++)
                OwnSectorLift[t] = OwnSectors.Indexes().Average(s => context.OwnToTarget[s][t]) / context.SectorPrior[t];

        var countries = view.History.Count > 0 ? view.History.Select(h => h.Place.Country) : view.ScoutCountries;
        CountryShares = Shares(countries);
        RegionShares = Shares(view.History.Select(h => RankingContext.RegionKey(h.Place)));

        StageWeights = new double[Vocabulary.Stages.Count];
        var stages = view.History.Count > 0 ? view.History.Select(h => h.Stage) : view.Stages;
        foreach (var stage in stages)
            if (stage is not null && Vocabulary.StageRank(stage) is >= 0 and var rank) StageWeights[rank]++;
        StageWeightTotal = StageWeights.Sum();
        MeanStageRank = StageWeightTotal == 0 ? 0 : StageWeights.Select((w, i) => w * i).Sum() / StageWeightTotal;

        var ages = view.History.Where(h => h.AgeYearsAtEngagement is not null).Select(h => h.AgeYearsAtEngagement!.Value).ToList();
        TypicalTargetAge = ages.Count == 0 ? null : Median(ages);
        Engagements = new HashSet<string>(view.Seeks.Concat(view.Offers), StringComparer.Ordinal);
        AsOf = view.AsOf;

        // Tastes: the history (or, without one, the declared interests and countries) smoothed toward everyone's.
        var strength = context.Strength;
        SectorTaste = new double[n];
        for (var t = 0; t < n; t++) SectorTaste[t] = EmpiricalBayes.Lift(HistoryWeights[t], total, context.SectorPrior[t], strength.Sector);
        var floor = 0.5 / (context.Engagements + 1);
        var countryKeys = view.History.Select(h => string.IsNullOrEmpty(h.Place.Country) ? null : h.Place.Country).Concat(view.ScoutCountries);
        (CountryTaste, CountryTasteUnseen) = Tastes(countryKeys, k => Math.Max(floor, context.CountryPrior.GetValueOrDefault(k)), strength.Country);
        (RegionEvidence, RegionCount) = Evidence(view.History.Select(h => RankingContext.RegionKey(h.Place)), k => Math.Max(floor, context.RegionPrior.GetValueOrDefault(k)));
        (CityEvidence, CityCount) = Evidence(view.History.Select(h => RankingContext.CityKey(h.Place)), k => Math.Max(floor, context.CityPrior.GetValueOrDefault(k)));
        RegionStrength = strength.Region;
        CityStrength = strength.City;
        FundingTaste = BandTastes(view.History.Select(h => TasteBands.Funding(h.FundingUsd)), context.FundingPrior, strength.Funding);
        AgeTaste = BandTastes(view.History.Select(h => TasteBands.Age(h.AgeYearsAtEngagement)), context.AgePrior, strength.Age);
        var fundings = view.History.Where(h => h.FundingUsd is not null).Select(h => Math.Log10(1 + h.FundingUsd!.Value)).ToList();
        TypicalLogFunding = fundings.Count == 0 ? null : Median(fundings);
    }

    /// <summary>Lift per value seen in the keys, and the lift of every value not seen (the same for all of them).</summary>
    internal static (Dictionary<string, double> Lifts, double Unseen) Tastes(IEnumerable<string?> keys, Func<string, double> prior, double alpha)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var n = 0;
        foreach (var key in keys)
        {
            if (key is null) continue;
            counts[key] = counts.GetValueOrDefault(key) + 1;
            n++;
        }
        var lifts = counts.ToDictionary(c => c.Key, c => EmpiricalBayes.Lift(c.Value, n, prior(c.Key), alpha), StringComparer.Ordinal);
        return (lifts, alpha / (n + alpha));
    }

    /// <summary>Per value seen: its count over its pooled share (the lift it would have with no prior); and how many values were known.</summary>
    private static (Dictionary<string, double> Evidence, int Count) Evidence(IEnumerable<string?> keys, Func<string, double> prior)
    {
        var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
        var n = 0;
        foreach (var key in keys)
        {
            if (key is null) continue;
            evidence[key] = evidence.GetValueOrDefault(key) + 1 / prior(key);
            n++;
        }
        return (evidence, n);
    }

    private static double[] BandTastes(IEnumerable<int> bands, double[] prior, double alpha)
    {
        var histogram = new double[prior.Length];
        var n = 0;
        foreach (var band in bands)
        {
            TasteBands.AddSmoothed(histogram, band);
            n++;
        }
        return [.. histogram.Select((h, b) => EmpiricalBayes.Lift(h, n, prior[b], alpha))];
    }

    public DateOnly AsOf { get; }
    public double[] SectorTaste { get; }
    public Dictionary<string, double> CountryTaste { get; }
    public double CountryTasteUnseen { get; }
    public Dictionary<string, double> RegionEvidence { get; }
    public int RegionCount { get; }
    public double RegionStrength { get; }
    public Dictionary<string, double> CityEvidence { get; }
    public int CityCount { get; }
    public double CityStrength { get; }
    public double[] FundingTaste { get; }
    public double[] AgeTaste { get; }
    public double? TypicalLogFunding { get; }

    public CorporateView View { get; }
    public SectorSet OwnSectors { get; }
    public SectorSet SectorsOfInterest { get; }
    public Place Home { get; }
    public string? HomeRegionKey { get; }
    public double AsOfYear { get; }
    public int HistorySize { get; }
    public double[] HistoryWeights { get; }
    public double HistoryNorm { get; }
    public double[] HistorySectorShare { get; }
    public double[] CoEngagedAffinity { get; }
    public double[] OwnSectorLift { get; }
    public double[] SectorPrior { get; }
    public Dictionary<string, double> CountryShares { get; }
    public Dictionary<string, double> RegionShares { get; }
    public double[] StageWeights { get; }
    public double StageWeightTotal { get; }
    public double MeanStageRank { get; }
    public double? TypicalTargetAge { get; }
    public HashSet<string> Engagements { get; }

    private static Dictionary<string, double> Shares(IEnumerable<string?> keys)
    {
        var list = keys.ToList();
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in list)
            if (!string.IsNullOrEmpty(key)) shares[key] = shares.GetValueOrDefault(key) + 1.0 / list.Count;
        return shares;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}

/// <summary>A candidate with its lookups done once.</summary>
public sealed class PreparedCandidate
{
    public PreparedCandidate(CandidateView view, RankingContext context)
    {
        View = view;
        Sectors = SectorSet.Of(view.Sectors);
        Place = view.Place;
        RegionKey = RankingContext.RegionKey(view.Place);
        CountryPrior = view.Place.Country is null ? 0 : context.CountryPrior.GetValueOrDefault(view.Place.Country);
        RegionPrior = RegionKey is null ? 0 : context.RegionPrior.GetValueOrDefault(RegionKey);
        StageRank = view.Stage is null ? -1 : Vocabulary.StageRank(view.Stage);
        FoundedYear = view.FoundedYear;
        FundingUsd = view.FundingUsd;
        Seeks = view.Seeks;
        PriorEngagements = view.PriorEngagements;
        CityKey = RankingContext.CityKey(view.Place);
        FundingBand = TasteBands.Funding(view.FundingUsd);
        LogFunding = view.FundingUsd is { } usd ? Math.Log10(1 + Math.Max(0, usd)) : null;

        var partners = view.PartnerHistory;
        PartnerCount = partners.Count;
        PartnerSectorTaste = new double[SectorSet.Count];
        if (PartnerCount > 0)
        {
            var weights = new double[SectorSet.Count];
            foreach (var partner in partners)
            {
                var set = SectorSet.Of(partner.Sectors);
                foreach (var t in set.Indexes()) weights[t] += 1.0 / set.Size;
            }
            var total = weights.Sum();
            for (var t = 0; t < weights.Length; t++)
                PartnerSectorTaste[t] = EmpiricalBayes.Lift(weights[t], total, context.SectorPrior[t], context.Strength.Sector);
        }
        var floor = 0.5 / (context.Engagements + 1);
        (PartnerCountryTaste, PartnerCountryTasteUnseen) = PreparedCorporate.Tastes(
            partners.Select(p => string.IsNullOrEmpty(p.Place.Country) ? null : p.Place.Country),
            k => Math.Max(floor, context.CountryPrior.GetValueOrDefault(k)), context.Strength.Country);
    }

    public string? CityKey { get; }
    public int FundingBand { get; }
    public double? LogFunding { get; }
    public int PartnerCount { get; }
    public double[] PartnerSectorTaste { get; }
    public Dictionary<string, double> PartnerCountryTaste { get; }
    public double PartnerCountryTasteUnseen { get; }

    public CandidateView View { get; }
    public SectorSet Sectors { get; }
    public Place Place { get; }
    public string? RegionKey { get; }
    public double CountryPrior { get; }
    public double RegionPrior { get; }
    public int StageRank { get; }
    public int? FoundedYear { get; }
    public double? FundingUsd { get; }
    public IReadOnlyList<string> Seeks { get; }
    public int PriorEngagements { get; }
}
