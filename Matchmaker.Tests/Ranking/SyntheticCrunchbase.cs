using System.Globalization;
using System.Text;

namespace Matchmaker.Tests.Ranking;

/// <summary>
/// A small Crunchbase-format folder with a planted pattern: each corporate mostly acquires startups of
/// its favourite sector in its home region; "noise" corporates acquire anything.
/// </summary>
public sealed class SyntheticCrunchbase : IDisposable
{
    private static readonly string[] Sectors = ["semiconductor", "hardware", "web", "mobile", "biotech", "health", "software", "games_video"];
    private static readonly (string Country, string Region, string City)[] Places =
        [("USA", "SF Bay", "San Francisco"), ("KOR", "Seoul", "Seoul"), ("GBR", "London", "London"), ("DEU", "Berlin", "Berlin")];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "matchmaker-cb-" + Guid.NewGuid().ToString("N"));

    public SyntheticCrunchbase(int corporates = 8, int targetsPerCorporate = 14, int seed = 1)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var random = new Random(seed);
        var companies = new StringBuilder("permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,funding_rounds,founded_at,founded_month,founded_quarter,founded_year,first_funding_at,last_funding_at,last_milestone_at\n");
        var acquisitions = new StringBuilder("company_permalink,company_name,company_category_code,company_country_code,company_state_code,company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_code,acquirer_country_code,acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,acquired_quarter,acquired_year,price_amount,price_currency_code\n");
        var target = 0;
        for (var c = 0; c < corporates + 4; c++)
        {
            var noise = c >= corporates;
            var favourite = Sectors[c % Sectors.Length];
            var home = Places[c % Places.Length];
            var acquirer = $"/company/corp-{c}";
            companies.Append(CultureInfo.InvariantCulture, $"{acquirer},Corp {c},{favourite},,operating,{home.Country},,{home.Region},{home.City},0,,,,1990,,,\n");
            for (var t = 0; t < targetsPerCorporate; t++)
            {
                var sector = !noise && random.NextDouble() < 0.8 ? favourite : Sectors[random.Next(Sectors.Length)];
                var place = !noise && random.NextDouble() < 0.7 ? home : Places[random.Next(Places.Length)];
                var year = 2005 + random.Next(8); // 2005–2012: some before, some after a 2011 split
                var date = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
                var id = $"/company/startup-{target++}";
                companies.Append(CultureInfo.InvariantCulture, $"{id},Startup {target},{sector},{random.Next(1, 40) * 500_000},acquired,{place.Country},,{place.Region},{place.City},1,,,,{year - 1 - random.Next(6)},{date.AddYears(-1):yyyy-MM-dd},{date.AddYears(-1):yyyy-MM-dd},\n");
                acquisitions.Append(CultureInfo.InvariantCulture, $"{id},Startup {target},{sector},{place.Country},,{place.Region},{place.City},{acquirer},Corp {c},{favourite},{home.Country},,{home.Region},{home.City},{date:yyyy-MM-dd},,,{year},,USD\n");
            }
        }
        acquisitions.Append(",,,,,,,,,,,,,,,,,,,\n"); // the real export's blank lines
        File.WriteAllText(Path.Combine(Directory, "companies.csv"), companies.ToString());
        File.WriteAllText(Path.Combine(Directory, "acquisitions.csv"), acquisitions.ToString());
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
