using System.Globalization;
using CsvHelper;

namespace Matchmaker.Silo.Demo;

/// <summary>The columns of the Crunchbase 2013 export that the demo event is drawn from.</summary>
public sealed record DemoCompany(
    string Permalink, string Name, string Category, string Country, string City, long FundingUsd, int FundingRounds, int? FoundedYear, string Status);

public sealed record DemoAcquisition(string AcquirerPermalink, string AcquirerName, string AcquirerCategory, string AcquirerCountry, string AcquirerCity,
    string TargetCategory, string TargetCountry);

/// <summary>Reads the repo's copy of the Crunchbase data (CC-BY, see NOTICE).</summary>
public static class CrunchbaseDemoData
{
    public static string Directory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "data", "crunchbase-2013");
        return File.Exists(Path.Combine(beside, "companies.csv"))
            ? beside
            : Path.Combine(Hosting.RepoRoot.Find(), "data", "crunchbase-2013");
    }

    public static IReadOnlyList<DemoCompany> Companies(string directory) => Read(Path.Combine(directory, "companies.csv"), csv => new DemoCompany(
        csv.GetString("permalink"), csv.GetString("name"), csv.GetString("category_code"), csv.GetString("country_code"), csv.GetString("city"),
        long.TryParse(csv.GetString("funding_total_usd"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var funding) ? funding : 0,
        int.TryParse(csv.GetString("funding_rounds"), out var rounds) ? rounds : 0,
        int.TryParse(csv.GetString("founded_year"), out var year) ? year : null,
        csv.GetString("status")));

    public static IReadOnlyList<DemoAcquisition> Acquisitions(string directory) => Read(Path.Combine(directory, "acquisitions.csv"), csv => new DemoAcquisition(
        csv.GetString("acquirer_permalink"), csv.GetString("acquirer_name"), csv.GetString("acquirer_category_code"),
        csv.GetString("acquirer_country_code"), csv.GetString("acquirer_city"),
        csv.GetString("company_category_code"), csv.GetString("company_country_code")));

    private static List<T> Read<T>(string path, Func<CsvReader, T> row)
    {
        using var csv = CsvReader.Create(File.OpenText(path), new CsvReaderOptions { TrimWhitespace = true, SkipEmptyLines = true });
        var rows = new List<T>();
        while (csv.Read())
            if (csv.FieldCount == csv.Headers.Count) rows.Add(row(csv));
        return rows;
    }
}
