using System.Globalization;
using System.Text;

namespace Matchmaker.Model.Ranking;

/// <summary>Sizes and ranges of a planted history. The defaults give about 60 testable acquirers at a 2011 split.</summary>
public sealed record PlantedSettings(
    int Corporates = 80,
    int Startups = 8000,
    int FirstYear = 2002,
    int LastYear = 2013,
    double MinPerYear = 0.6,
    double MaxPerYear = 3.0,
    double MinSectorMass = 0.55,
    double MaxSectorMass = 0.9);

/// <summary>
/// One corporate's hidden taste: favourite sectors with weights, a home it leans to, a funding band
/// and a preference for young companies. The chance of acquiring an available startup is proportional
/// to <see cref="PlantedHistory.Taste"/>, so ranking by it is the best any model can do (the oracle).
/// </summary>
public sealed record PlantedTaste(
    IReadOnlyDictionary<string, double> SectorShares,
    Place Home,
    double HomeRegionFactor,
    double HomeCountryFactor,
    double FundingCentreLog10,
    double FundingWidthLog10,
    double UnknownFundingFactor,
    double RecencyYears);

/// <summary>
/// A seeded generator of Crunchbase-format data (companies.csv, acquisitions.csv) whose acquirers buy
/// according to planted tastes, with the oracle that ranks by those tastes. Nothing in it is read by
/// the model: the data goes through the same loader, training and evaluation as the real files.
/// </summary>
public sealed class PlantedHistory
{
    internal static readonly (string Country, string Region, string City)[] PlaceList =
    [
        ("USA", "SF Bay", "San Francisco"), ("USA", "SF Bay", "Palo Alto"), ("USA", "SF Bay", "Mountain View"), ("USA", "SF Bay", "San Jose"),
        ("USA", "New York", "New York"), ("USA", "New York", "Brooklyn"), ("USA", "Boston", "Boston"), ("USA", "Boston", "Cambridge"),
        ("USA", "Los Angeles", "Los Angeles"), ("USA", "Los Angeles", "Santa Monica"), ("USA", "Seattle", "Seattle"), ("USA", "Austin", "Austin"),
        ("USA", "Chicago", "Chicago"), ("GBR", "London", "London"), ("GBR", "Cambridge", "Cambridge"), ("DEU", "Berlin", "Berlin"),
        ("DEU", "Munich", "Munich"), ("FRA", "Paris", "Paris"), ("ISR", "Tel Aviv", "Tel Aviv"), ("KOR", "Seoul", "Seoul"),
        ("JPN", "Tokyo", "Tokyo"), ("CHN", "Beijing", "Beijing"), ("CHN", "Shanghai", "Shanghai"), ("IND", "Bangalore", "Bangalore"),
        ("CAN", "Toronto", "Toronto"), ("SWE", "Stockholm", "Stockholm"),
    ];

    private readonly Dictionary<string, PlantedTaste> tastes;

    private PlantedHistory(Dictionary<string, PlantedTaste> tastes, string companiesCsv, string acquisitionsCsv, int acquisitions)
    {
        this.tastes = tastes;
        CompaniesCsv = companiesCsv;
        AcquisitionsCsv = acquisitionsCsv;
        Acquisitions = acquisitions;
    }

    public string CompaniesCsv { get; }
    public string AcquisitionsCsv { get; }
    public int Acquisitions { get; }
    public IReadOnlyDictionary<string, PlantedTaste> Tastes => tastes;

    /// <summary>The planted taste of a corporate for a startup as it looks at a date: the oracle's score.</summary>
    public double Taste(string corporateId, CandidateView candidate, DateOnly asOf) =>
        tastes.TryGetValue(corporateId, out var taste) ? Taste(taste, candidate.Sectors, candidate.Place, candidate.FundingUsd, candidate.FoundedYear, asOf.Year) : 0;

    public static double Taste(PlantedTaste taste, IReadOnlyList<string> sectors, Place place, double? fundingUsd, int? foundedYear, int year) =>
        Taste(taste, sectors.Count == 0 ? 0 : sectors.Average(s => taste.SectorShares.GetValueOrDefault(s)), place, fundingUsd, foundedYear, year);

    private static double Taste(PlantedTaste taste, double sector, Place place, double? fundingUsd, int? foundedYear, int year)
    {
        var where = place.Country == taste.Home.Country
            ? place.Region == taste.Home.Region ? taste.HomeRegionFactor : taste.HomeCountryFactor
            : 1;
        double funding;
        if (fundingUsd is { } usd)
        {
            var d = (Math.Log10(1 + usd) - taste.FundingCentreLog10) / taste.FundingWidthLog10;
            funding = 0.05 + Math.Exp(-d * d / 2);
        }
        else funding = taste.UnknownFundingFactor;
        var age = foundedYear is { } founded ? Math.Max(0, year - founded) : 5;
        return sector * where * funding * Math.Exp(-age / taste.RecencyYears);
    }

    public static PlantedHistory Generate(int seed, PlantedSettings? settings = null)
    {
        settings ??= new PlantedSettings();
        var random = new Random(seed);
        var sectors = SectorSet.Names.Where(s => s != "other").OrderBy(_ => random.Next()).ToArray();
        // Zipf-like popularity: a few sectors and places hold most startups, as in the real data.
        var sectorPopularity = sectors.Select((_, i) => 1.0 / (i + 1)).ToArray();
        var places = PlaceList.OrderBy(_ => random.Next()).ToArray();
        var placePopularity = places.Select((_, i) => 1.0 / Math.Sqrt(i + 1)).ToArray();
        var sectorShareOfStartups = sectors.Select((s, i) => (s, sectorPopularity[i] / sectorPopularity.Sum())).ToDictionary(p => p.s, p => p.Item2);

        var companies = new StringBuilder("permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,funding_rounds,founded_at,founded_month,founded_quarter,founded_year,first_funding_at,last_funding_at,last_milestone_at\n");
        var startups = new List<PlantedStartup>(settings.Startups);
        for (var i = 0; i < settings.Startups; i++)
        {
            var sector = sectors[Sampling.Pick(random, sectorPopularity)];
            var place = places[Sampling.Pick(random, placePopularity)];
            var founded = settings.FirstYear - 6 + (int)Math.Floor(Math.Sqrt(random.NextDouble()) * (settings.LastYear - settings.FirstYear + 6));
            double? funding = null;
            DateOnly? firstFunding = null, lastFunding = null;
            if (random.NextDouble() < 0.7)
            {
                funding = Math.Round(Math.Pow(10, Math.Clamp(6.4 + Sampling.Normal(random) * 0.9, 4.5, 9.2)) / 1000) * 1000;
                firstFunding = new DateOnly(founded, 1, 1).AddDays(random.Next(0, 730));
                lastFunding = firstFunding.Value.AddDays(random.Next(0, 1100));
            }
            var startup = new PlantedStartup($"/company/planted-{seed}-s{i}", $"Startup {i}", sector, new Place(place.Country, place.Region, place.City), founded, funding, lastFunding);
            startups.Add(startup);
            companies.Append(CultureInfo.InvariantCulture,
                $"{startup.Id},{startup.Name},{sector},{funding?.ToString("0", CultureInfo.InvariantCulture)},operating,{place.Country},,{place.Region},{place.City},1,,,,{founded},{firstFunding:yyyy-MM-dd},{lastFunding:yyyy-MM-dd},\n");
        }

        var tastes = new Dictionary<string, PlantedTaste>(StringComparer.Ordinal);
        var corporates = new List<(string Id, string Name, string Sector, Place Home, PlantedTaste Taste, double PerYear)>();
        for (var c = 0; c < settings.Corporates; c++)
        {
            // 1–4 favourite sectors with random weights hold 55–90 % of the picks (by default); the rest follow the market.
            var favourites = sectors.OrderBy(_ => random.Next()).Take(1 + random.Next(4)).ToList();
            var weights = favourites.Select(_ => -Math.Log(1 - random.NextDouble())).ToList();
            var mass = settings.MinSectorMass + (settings.MaxSectorMass - settings.MinSectorMass) * random.NextDouble();
            var shares = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var s in sectors) shares[s] = (1 - mass) * sectorShareOfStartups[s];
            for (var f = 0; f < favourites.Count; f++) shares[favourites[f]] += mass * weights[f] / weights.Sum();
            // Weight per startup = wanted share / share of startups, so picks follow the wanted shares.
            var perStartup = shares.ToDictionary(p => p.Key, p => p.Value / sectorShareOfStartups[p.Key], StringComparer.Ordinal);
            var home = places[Sampling.Pick(random, placePopularity)];
            var regionFactor = random.NextDouble() < 0.2 ? 1 : 1 + 9 * random.NextDouble();
            var taste = new PlantedTaste(perStartup, new Place(home.Country, home.Region, home.City), regionFactor, Math.Sqrt(regionFactor),
                5.3 + 2.8 * random.NextDouble(), 0.3 + 0.6 * random.NextDouble(), 0.1 + 0.9 * random.NextDouble(), 1 + 7 * random.NextDouble());
            var id = $"/company/planted-{seed}-c{c}";
            tastes[id] = taste;
            corporates.Add((id, $"Corporate {c}", favourites[0], taste.Home, taste,
                settings.MinPerYear + (settings.MaxPerYear - settings.MinPerYear) * random.NextDouble()));
            companies.Append(CultureInfo.InvariantCulture, $"{id},Corporate {c},{favourites[0]},,operating,{home.Country},,{home.Region},{home.City},0,,,,1985,,,\n");
        }

        var acquisitions = new StringBuilder("company_permalink,company_name,company_category_code,company_country_code,company_state_code,company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_code,acquirer_country_code,acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,acquired_quarter,acquired_year,price_amount,price_currency_code\n");
        var taken = new bool[startups.Count];
        var count = 0;
        var scores = new double[startups.Count];
        for (var year = settings.FirstYear; year <= settings.LastYear; year++)
        {
            // Events of a year in a random order of corporates; each draws from what is still available that day.
            var draws = new List<(int Corporate, DateOnly Date)>();
            for (var c = 0; c < corporates.Count; c++)
                for (var k = Poisson(random, corporates[c].PerYear); k > 0; k--)
                    draws.Add((c, new DateOnly(year, 1, 1).AddDays(random.Next(year == settings.LastYear ? 270 : 365))));
            foreach (var (c, date) in draws.OrderBy(d => d.Date))
            {
                var corporate = corporates[c];
                double total = 0;
                for (var s = 0; s < startups.Count; s++)
                {
                    var st = startups[s];
                    if (taken[s] || st.Founded > year) { scores[s] = 0; continue; }
                    var funding = st.LastFunding is { } last && last < date ? st.Funding : null;
                    scores[s] = Taste(corporate.Taste, corporate.Taste.SectorShares[st.Sector], st.Place, funding, st.Founded, year);
                    total += scores[s];
                }
                if (total <= 0) continue;
                var pick = random.NextDouble() * total;
                var chosen = 0;
                for (var s = 0; s < startups.Count; s++)
                {
                    pick -= scores[s];
                    if (pick <= 0 && scores[s] > 0) { chosen = s; break; }
                }
                taken[chosen] = true;
                count++;
                var t = startups[chosen];
                acquisitions.Append(CultureInfo.InvariantCulture,
                    $"{t.Id},{t.Name},{t.Sector},{t.Place.Country},,{t.Place.Region},{t.Place.City},{corporate.Id},{corporate.Name},{corporate.Sector},{corporate.Home.Country},,{corporate.Home.Region},{corporate.Home.City},{date:yyyy-MM-dd},,,{year},,USD\n");
            }
        }
        return new PlantedHistory(tastes, companies.ToString(), acquisitions.ToString(), count);
    }

    /// <summary>Writes companies.csv and acquisitions.csv, the files <see cref="CrunchbaseData.Load"/> reads.</summary>
    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "companies.csv"), CompaniesCsv);
        File.WriteAllText(Path.Combine(directory, "acquisitions.csv"), AcquisitionsCsv);
    }

    private sealed record PlantedStartup(string Id, string Name, string Sector, Place Place, int Founded, double? Funding, DateOnly? LastFunding);


    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
