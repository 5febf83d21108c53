using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Demo;

/// <summary>
/// The demo event: a Smart Life Week of 3 days × 16 twenty-minute slots at 40 tables, with real companies
/// from Crunchbase 2013: the most active acquirers as corporate delegates and recently founded, funded,
/// operating companies as startups. Everything random comes from a fixed seed, so every install sees the same week.
/// </summary>
public static class DemoEvent
{
    public const string Id = "demo";
    public const int StartupCount = 300;
    public const int DelegateCount = 40;
    private const int Seed = 2027;

    public static EventConfig Config { get; } = new(
        Name: "Smart Life Week 2027 (demo)",
        TimeZone: "Asia/Seoul",
        Days: [new DateOnly(2027, 5, 11), new DateOnly(2027, 5, 12), new DateOnly(2027, 5, 13)],
        DailyStart: new TimeOnly(9, 0),
        DailyEnd: new TimeOnly(15, 20),
        SlotMinutes: 20,
        Breaks: [new TimeWindow(new TimeOnly(12, 0), new TimeOnly(13, 0))],
        Tables: 40,
        MaxMeetingsPerStartup: 6,
        MaxMeetingsPerDelegate: 18,
        RequestQuota: 5,
        NightlyBatchAt: new TimeOnly(2, 0));

    public sealed record Participants(
        IReadOnlyList<(string Id, StartupProfile Profile, Availability Availability)> Startups,
        IReadOnlyList<(string Id, DelegateProfile Profile, Availability Availability)> Delegates);

    public static Participants Build(IReadOnlyList<DemoCompany> companies, IReadOnlyList<DemoAcquisition> acquisitions)
    {
        var random = new Random(Seed);
        var slotCount = EventSlots.From(Config).Count;
        var delegates = acquisitions
            .Where(a => a.AcquirerName.Length > 0 && Vocabulary.Sectors.Contains(a.AcquirerCategory) && IsCountry(a.AcquirerCountry))
            .GroupBy(a => a.AcquirerPermalink)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(DelegateCount)
            .Select(g => (IdOf(g.Key), DelegateOf(g.ToList(), random), AvailabilityOf(slotCount, random)))
            .ToList();

        var startups = companies
            .Where(c => c.Status == "operating" && Vocabulary.Sectors.Contains(c.Category) && IsCountry(c.Country)
                        && c.FoundedYear is >= 2008 && c.FundingUsd > 0 && c.Name.Length is > 0 and <= 200)
            .OrderBy(c => c.Permalink, StringComparer.Ordinal)
            .DistinctBy(c => IdOf(c.Permalink))
            .ToList();
        var chosen = startups.OrderBy(_ => random.Next()).Take(StartupCount).OrderBy(c => c.Permalink, StringComparer.Ordinal)
            .Select(c => (IdOf(c.Permalink), StartupOf(c, random), AvailabilityOf(slotCount, random)))
            .ToList();
        return new Participants(chosen, delegates);
    }

    private static DelegateProfile DelegateOf(IReadOnlyList<DemoAcquisition> history, Random random)
    {
        var first = history[0];
        var interests = history.Where(a => Vocabulary.Sectors.Contains(a.TargetCategory))
            .GroupBy(a => a.TargetCategory).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(3).Select(g => g.Key).ToList();
        var countries = history.Where(a => IsCountry(a.TargetCountry))
            .GroupBy(a => a.TargetCountry).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(2).Select(g => g.Key).ToList();
        return new DelegateProfile(
            Name: $"{first.AcquirerName} scouting team",
            Role: "Corporate development",
            Company: first.AcquirerName,
            CompanySector: first.AcquirerCategory,
            Interests: interests.Count > 0 ? interests : [first.AcquirerCategory],
            Seeks: random.Next(2) == 0 ? ["acquisition", "partnership"] : ["proof-of-concept", "partnership"],
            Offers: random.Next(2) == 0 ? ["investment", "distribution"] : ["distribution"],
            Stages: null,
            Countries: countries.Count > 0 ? countries : null,
            MeetingsPerDayCap: 6,
            ContactEmail: null,
            CompanyCountry: first.AcquirerCountry,
            CompanyCity: first.AcquirerCity.Length > 0 ? first.AcquirerCity : null);
    }

    private static StartupProfile StartupOf(DemoCompany company, Random random)
    {
        string[] seeks = ["investment", "proof-of-concept", "distribution", "partnership"];
        return new StartupProfile(
            Name: company.Name,
            Sectors: [company.Category],
            Stage: StageOf(company.FundingUsd, company.FundingRounds),
            Country: company.Country,
            City: company.City.Length is > 0 and <= 100 ? company.City : null,
            Seeks: seeks.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Order().ToList(),
            Pitch: null,
            TeamSize: null,
            Website: null,
            ContactEmail: null,
            FoundedYear: company.FoundedYear,
            FundingUsd: company.FundingUsd);
    }

    private static string StageOf(long fundingUsd, int rounds) => fundingUsd switch
    {
        < 500_000 => "pre-seed",
        < 3_000_000 => "seed",
        < 15_000_000 => rounds >= 2 ? "series-a" : "seed",
        < 50_000_000 => "series-b",
        _ => "growth",
    };

    /// <summary>Most people are free most of the week; each misses one or two blocks (10–20 % of slots).</summary>
    private static Availability AvailabilityOf(int slotCount, Random random)
    {
        var busy = new HashSet<int>();
        var target = slotCount * random.Next(10, 21) / 100;
        while (busy.Count < target)
        {
            var start = random.Next(slotCount);
            for (var slot = start; slot < Math.Min(slotCount, start + random.Next(2, 5)) && busy.Count < target; slot++) busy.Add(slot);
        }
        return new Availability(Enumerable.Range(0, slotCount).Where(s => !busy.Contains(s)).ToList());
    }

    private static bool IsCountry(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    /// <summary>A grain id from a Crunchbase permalink such as <c>/company/1000memories</c>.</summary>
    private static string IdOf(string permalink)
    {
        var slug = new string(permalink[(permalink.LastIndexOf('/') + 1)..].ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-', '_');
        if (slug.Length == 0) slug = "company";
        return slug.Length > GrainKeys.MaxIdLength ? slug[..GrainKeys.MaxIdLength] : slug;
    }
}
