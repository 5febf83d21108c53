namespace Matchmaker.Model.Ranking;

/// <summary>A bad value or a missing column in a data file, located so the user can fix it.</summary>
public sealed class DataFormatException(string file, long line, string column, string problem)
    : FormatException($"{file}, line {line}, column '{column}': {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Column { get; } = column;
}

/// <summary>A company as Crunchbase describes it in October 2013.</summary>
public sealed record CrunchbaseCompany(
    string Id,
    string Name,
    string? Category,
    Place Place,
    int? FoundedYear,
    double? FundingUsd,
    DateOnly? FirstFunding,
    DateOnly? LastFunding);

public enum EngagementKind { Acquisition, Investment }

/// <summary>A corporate acquired or invested in a startup on a date.</summary>
public sealed record Engagement(string CorporateId, string TargetId, DateOnly Date, EngagementKind Kind);

/// <summary>
/// Crunchbase-format engagement history: companies.csv, acquisitions.csv and, when present,
/// company_investments.csv. Views built from it only use what was known at their as-of date.
/// </summary>
public sealed class CrunchbaseData
{
    private readonly Dictionary<string, List<Engagement>> byCorporate;
    private readonly Dictionary<string, List<DateOnly>> targetDates;

    public CrunchbaseData(IReadOnlyDictionary<string, CrunchbaseCompany> companies, IReadOnlyList<Engagement> engagements)
    {
        Companies = companies;
        Engagements = engagements;
        byCorporate = engagements.GroupBy(e => e.CorporateId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Date).ToList(), StringComparer.Ordinal);
        targetDates = engagements.GroupBy(e => e.TargetId).ToDictionary(g => g.Key, g => g.Select(e => e.Date).Order().ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, CrunchbaseCompany> Companies { get; }
    public IReadOnlyList<Engagement> Engagements { get; }

    /// <summary>Values that could not be read and were treated as unknown, each located by file, line and column.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public CrunchbaseCompany Company(string id) =>
        Companies.TryGetValue(id, out var company) ? company : new CrunchbaseCompany(id, id, null, Place.Unknown, null, null, null, null);

    public IReadOnlyList<Engagement> EngagementsOf(string corporateId) =>
        byCorporate.TryGetValue(corporateId, out var list) ? list : [];

    /// <summary>The corporate with its history strictly before <paramref name="asOf"/>.</summary>
    public CorporateView Corporate(string id, DateOnly asOf)
    {
        var company = Company(id);
        var history = EngagementsOf(id).Where(e => e.Date < asOf).ToList();
        return new CorporateView(
            id,
            company.Category is null ? [] : [company.Category],
            company.Place,
            [],
            [.. history.Select(e => PastTarget(e.TargetId, e.Date))],
            [],
            [],
            [.. history.Select(e => e.Kind == EngagementKind.Acquisition ? "acquisition" : "investment").Distinct()],
            [],
            asOf);
    }

    /// <summary>The startup as it looked at <paramref name="asOf"/>: later funding is hidden.</summary>
    public CandidateView Candidate(string id, DateOnly asOf)
    {
        var company = Company(id);
        var funding = company.LastFunding is { } last && last < asOf ? company.FundingUsd : null;
        var prior = targetDates.TryGetValue(id, out var dates) ? CountBefore(dates, asOf) : 0;
        return new CandidateView(id, company.Category is null ? [] : [company.Category], company.Place,
            StageOf(funding), company.FoundedYear, funding, [], prior);
    }

    public ObservedEngagement Observed(Engagement e)
    {
        var target = PastTarget(e.TargetId, e.Date);
        return new(e.CorporateId, SectorSet.Of(Company(e.CorporateId).Category), SectorSet.Of(target.Sectors), target.Place,
            TasteBands.Funding(target.FundingUsd), TasteBands.Age(target.AgeYearsAtEngagement));
    }

    private PastTarget PastTarget(string targetId, DateOnly date)
    {
        var target = Company(targetId);
        var funding = target.LastFunding is { } last && last < date ? target.FundingUsd : null;
        double? age = target.FoundedYear is { } founded ? Math.Max(0, date.Year - founded) : null;
        return new PastTarget(target.Category is null ? [] : [target.Category], target.Place, StageOf(funding), age, funding);
    }

    /// <summary>Crunchbase has no stage field; total funding known so far is the usual proxy (conventional round sizes).</summary>
    public static string? StageOf(double? fundingUsd) => fundingUsd switch
    {
        null => null,
        < 2_000_000 => "seed",
        < 15_000_000 => "series-a",
        < 50_000_000 => "series-b",
        _ => "growth",
    };

    private static int CountBefore(List<DateOnly> sorted, DateOnly asOf)
    {
        var index = sorted.BinarySearch(asOf);
        if (index < 0) return ~index;
        while (index > 0 && sorted[index - 1] == asOf) index--;
        return index;
    }

    public static CrunchbaseData Load(string directory, bool includeInvestments = true)
    {
        var companies = new Dictionary<string, CrunchbaseCompany>(StringComparer.Ordinal);
        var companiesFile = Path.Combine(directory, "companies.csv");
        var warnings = new List<string>();
        ReadCompanies(companiesFile, companies, warnings);
        var byName = companies.Values.GroupBy(c => c.Name.ToLowerInvariant())
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);

        var engagements = new List<Engagement>();
        ReadAcquisitions(Path.Combine(directory, "acquisitions.csv"), companies, engagements);
        var investments = Path.Combine(directory, "company_investments.csv");
        if (includeInvestments && File.Exists(investments)) ReadInvestments(investments, companies, byName, engagements, warnings);

        // One engagement per (corporate, target): the first is when the interest showed.
        var distinct = engagements
            .Where(e => e.CorporateId != e.TargetId)
            .GroupBy(e => (e.CorporateId, e.TargetId))
            .Select(g => g.MinBy(e => e.Date)!)
            .OrderBy(e => e.Date).ThenBy(e => e.CorporateId, StringComparer.Ordinal).ThenBy(e => e.TargetId, StringComparer.Ordinal)
            .ToList();
        return new CrunchbaseData(companies, distinct) { Warnings = warnings };
    }

    private static void ReadCompanies(string file, Dictionary<string, CrunchbaseCompany> companies, List<string> warnings)
    {
        using var rows = new CsvRows(file, ["permalink", "name", "category_code", "funding_total_usd", "country_code", "region", "city", "founded_year", "first_funding_at", "last_funding_at"]);
        while (rows.Next())
        {
            var id = rows.Text("permalink");
            if (id is null) continue;
            companies[id] = new CrunchbaseCompany(id, rows.Text("name") ?? id, rows.Text("category_code"),
                new Place(rows.Text("country_code"), rows.Text("region"), rows.Text("city")),
                rows.Int("founded_year"), rows.OptionalNumber("funding_total_usd", warnings),
                rows.Date("first_funding_at", "yyyy-MM-dd"), rows.Date("last_funding_at", "yyyy-MM-dd"));
        }
    }

    private static void ReadAcquisitions(string file, Dictionary<string, CrunchbaseCompany> companies, List<Engagement> engagements)
    {
        using var rows = new CsvRows(file, ["company_permalink", "company_name", "company_category_code", "company_country_code", "company_region", "company_city",
            "acquirer_permalink", "acquirer_name", "acquirer_category_code", "acquirer_country_code", "acquirer_region", "acquirer_city", "acquired_at"]);
        while (rows.Next())
        {
            var target = rows.Text("company_permalink");
            var acquirer = rows.Text("acquirer_permalink");
            if (target is null || acquirer is null) continue; // the export's blank lines of commas
            var date = rows.Date("acquired_at", "yyyy-MM-dd");
            if (date is null) continue;
            AddIfUnknown(companies, target, rows.Text("company_name"), rows.Text("company_category_code"),
                new Place(rows.Text("company_country_code"), rows.Text("company_region"), rows.Text("company_city")));
            AddIfUnknown(companies, acquirer, rows.Text("acquirer_name"), rows.Text("acquirer_category_code"),
                new Place(rows.Text("acquirer_country_code"), rows.Text("acquirer_region"), rows.Text("acquirer_city")));
            engagements.Add(new Engagement(acquirer, target, date.Value, EngagementKind.Acquisition));
        }
    }

    private static void ReadInvestments(string file, Dictionary<string, CrunchbaseCompany> companies, Dictionary<string, string> byName, List<Engagement> engagements, List<string> warnings)
    {
        using var rows = new CsvRows(file, ["startup_id", "funding_id", "created_at", "startup_name", "funding_name", "category_code", "country_code", "region", "city", "funding_total_usd"]);
        while (rows.Next())
        {
            var startupKey = rows.Text("startup_id");
            var investorKey = rows.Text("funding_id");
            if (startupKey is null || investorKey is null) continue;
            var date = rows.Date("created_at", "M/d/yy H:mm");
            if (date is null) continue;
            // Ids here are Kaggle's numbers, not permalinks: join on a name only when it is unambiguous.
            var startupName = rows.Text("startup_name");
            var investorName = rows.Text("funding_name");
            var startup = startupName is not null && byName.TryGetValue(startupName.ToLowerInvariant(), out var s) ? s : startupKey;
            var investor = investorName is not null && byName.TryGetValue(investorName.ToLowerInvariant(), out var i) ? i : investorKey;
            AddIfUnknown(companies, startup, startupName, rows.Text("category_code"),
                new Place(rows.Text("country_code"), rows.Text("region"), rows.Text("city")), rows.OptionalNumber("funding_total_usd", warnings));
            AddIfUnknown(companies, investor, investorName, null, Place.Unknown);
            engagements.Add(new Engagement(investor, startup, date.Value, EngagementKind.Investment));
        }
    }

    private static void AddIfUnknown(Dictionary<string, CrunchbaseCompany> companies, string id, string? name, string? category, Place place, double? funding = null)
    {
        if (!companies.ContainsKey(id))
            companies[id] = new CrunchbaseCompany(id, name ?? id, category, place, null, funding, null, null);
    }
}
