using System.Globalization;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// Human reasons for a pair, triggered by the values of the feature vector that was scored, worded
/// for whoever is browsing. The thresholds are copy rules (when a statement is true enough to say),
/// not model parameters.
/// </summary>
public static class PairReasons
{
    public static IReadOnlyList<string> Explain(PreparedCorporate corporate, PreparedCandidate candidate, Perspective perspective, PairSignals? signals, ReadOnlySpan<float> f)
    {
        var reasons = new List<string>(4);
        var corporateBrowses = perspective == Perspective.CorporateBrowses;
        var s = signals ?? PairSignals.None;

        if (corporateBrowses ? s.StartupRequested : s.DelegateInvited) reasons.Add(corporateBrowses ? "requested you" : "invited you");
        if (s.Accepted) reasons.Add("meeting accepted");
        if (s.Rating is { } rating) reasons.Add($"rated {rating.ToString("0.#", CultureInfo.InvariantCulture)}/5 after meeting");
        if (s.Declined) reasons.Add("declined");

        var shared = candidate.Sectors.Intersect(corporate.SectorsOfInterest);
        if (!shared.IsEmpty)
            reasons.Add(corporateBrowses
                ? $"shares your sectors: {Words(shared)}"
                : $"looks for your sectors: {Words(shared)}");
        else if (f[PairFeatures.CoEngagedLift] >= 1.5f || f[PairFeatures.OwnSectorLift] >= 1.5f)
            reasons.Add(corporateBrowses
                ? $"{Words(candidate.Sectors)} startups often go with your interests"
                : $"companies like this one often engage {Words(candidate.Sectors)} startups");

        // The browsing party's own taste, learned from what it picked before (history or event requests).
        if (corporateBrowses && corporate.HistorySize >= 2)
        {
            if (shared.IsEmpty && f[PairFeatures.SectorTaste] >= 2f)
                reasons.Add($"{Words(candidate.Sectors)}: a sector you often pick");
            if (f[PairFeatures.FundingTaste] >= 1.5f && candidate.View.FundingUsd is { } usd)
                reasons.Add($"raised {Money(usd)}, in the range you usually pick");
            if (f[PairFeatures.AgeTaste] >= 1.5f && candidate.View.FoundedYear is { } year)
                reasons.Add($"founded {year.ToString(CultureInfo.InvariantCulture)}, the age of company you usually pick");
        }
        if (!corporateBrowses && f[PairFeatures.CandidateSectorTaste] >= 2f && !corporate.OwnSectors.IsEmpty)
            reasons.Add($"a {Words(corporate.OwnSectors)} company, the kind you have approached");

        var place = candidate.Place;
        var where = place.City ?? CountryName(place.Country);
        if (f[PairFeatures.SameCity] == 1f)
            reasons.Add(corporateBrowses ? $"{where}-based, like you" : $"based in {where}, like you");
        else if (f[PairFeatures.HistoryCountryShare] > 0f && f[PairFeatures.SameCountry] != 1f && place.Country is not null)
            reasons.Add(corporateBrowses
                ? $"{where}-based; you scout {CountryName(place.Country)}"
                : $"scouts {CountryName(place.Country)}");
        else if (f[PairFeatures.SameRegion] == 1f || f[PairFeatures.SameCountry] == 1f)
            reasons.Add(corporateBrowses ? $"{where}-based, close to you" : $"based near you ({CountryName(corporate.Home.Country)})");

        if (f[PairFeatures.StageShare] >= 0.25f && candidate.View.Stage is { } stage)
            reasons.Add(corporateBrowses ? $"at {stage}, a stage you look for" : $"looks for {stage} startups");

        if (f[PairFeatures.SeeksMatch] == 1f)
        {
            var common = candidate.Seeks.Where(corporate.Engagements.Contains).ToList();
            reasons.Add(corporateBrowses
                ? $"seeks {string.Join(", ", common)}, which you offer or seek"
                : $"offers or seeks {string.Join(", ", common)}, which you seek");
        }
        return reasons;
    }

    private static string Money(double usd) => usd >= 1_000_000
        ? $"${(usd / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture)}M"
        : $"${(usd / 1_000).ToString("0", CultureInfo.InvariantCulture)}k";

    private static string Words(SectorSet sectors) => string.Join(", ", sectors.Sectors().Select(s => s.Replace('_', ' ')));

    private static readonly Dictionary<string, string> Countries = BuildCountries();

    public static string CountryName(string? alpha3) =>
        alpha3 is null ? "unknown" : Countries.GetValueOrDefault(alpha3, alpha3);

    // RegionInfo knows alpha-3 codes but is looked up by alpha-2 or culture, so index it once.
    private static Dictionary<string, string> BuildCountries()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
            {
                var region = new RegionInfo(culture.Name);
                names.TryAdd(region.ThreeLetterISORegionName, region.EnglishName);
            }
        }
        catch (ArgumentException)
        {
            // Invariant globalization mode: fall back to the codes themselves.
        }
        names["KOR"] = "Korea";
        names["USA"] = "the USA";
        names["GBR"] = "the UK";
        return names;
    }
}
