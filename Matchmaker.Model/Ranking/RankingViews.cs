using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>Where a party is based. Any part may be unknown.</summary>
public sealed record Place(string? Country, string? Region, string? City)
{
    public static readonly Place Unknown = new(null, null, null);
}

/// <summary>One startup a corporate engaged before (acquired, invested in, met and rated well).</summary>
public sealed record PastTarget(
    IReadOnlyList<string> Sectors,
    Place Place,
    string? Stage = null,
    double? AgeYearsAtEngagement = null,
    double? FundingUsd = null);

/// <summary>
/// The corporate side of a pair, the same shape whether it comes from Crunchbase (history = past
/// acquisitions and investments) or from an event delegate (interests stand in for a missing history).
/// </summary>
public sealed record CorporateView(
    string Id,
    IReadOnlyList<string> OwnSectors,
    Place Home,
    IReadOnlyList<string> Interests,
    IReadOnlyList<PastTarget> History,
    IReadOnlyList<string> ScoutCountries,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Seeks,
    IReadOnlyList<string> Offers,
    DateOnly AsOf)
{
    /// <summary>A delegate as the ranking sees it. Its interests and target countries act as its history.</summary>
    public static CorporateView FromDelegate(string id, DelegateProfile profile, DateOnly asOf, IReadOnlyList<PastTarget>? history = null) =>
        new(id,
            [profile.CompanySector],
            new Place(profile.CompanyCountry, null, profile.CompanyCity),
            profile.Interests,
            history ?? [],
            profile.Countries ?? [],
            profile.Stages ?? [],
            profile.Seeks,
            profile.Offers ?? [],
            asOf);
}

/// <summary>The startup side of a pair.</summary>
public sealed record CandidateView(
    string Id,
    IReadOnlyList<string> Sectors,
    Place Place,
    string? Stage,
    int? FoundedYear,
    double? FundingUsd,
    IReadOnlyList<string> Seeks,
    int PriorEngagements = 0,
    IReadOnlyList<PastTarget>? Partners = null)
{
    /// <summary>
    /// The corporates this startup approached or accepted so far (their own sectors and home), where the
    /// data has such reciprocal signals (an event's requests); empty for Crunchbase, where nobody records
    /// whom a startup courted.
    /// </summary>
    public IReadOnlyList<PastTarget> PartnerHistory => Partners ?? [];

    public static CandidateView FromStartup(string id, StartupProfile profile) =>
        new(id, profile.Sectors, new Place(profile.Country, null, profile.City), profile.Stage,
            profile.FoundedYear, profile.FundingUsd, profile.Seeks);
}

/// <summary>
/// What has happened between the two parties at the event so far. These are what retraining learns to
/// predict (its labels); at serving they become reasons ("requested you") and a placement rule
/// (see <see cref="EventMatchTable"/>), never model inputs, which would leak the label.
/// </summary>
public sealed record PairSignals(
    bool StartupRequested = false,
    bool DelegateInvited = false,
    bool Accepted = false,
    bool Declined = false,
    double? Rating = null)
{
    public static readonly PairSignals None = new();
}

/// <summary>Who is browsing: the group of a ranked list, and whose words the reasons use.</summary>
public enum Perspective
{
    /// <summary>A delegate (corporate) ranks startups.</summary>
    CorporateBrowses,
    /// <summary>A startup ranks delegates.</summary>
    StartupBrowses,
}

/// <summary>One pair to score, seen from one side.</summary>
public sealed record RankingPair(
    CorporateView Corporate,
    CandidateView Candidate,
    Perspective Perspective = Perspective.CorporateBrowses,
    PairSignals? Signals = null);

/// <summary>A pair's score (comparable only within one browsing party's list) and why.</summary>
public readonly record struct PairScore(float Score, IReadOnlyList<string> Reasons);
