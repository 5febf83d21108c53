using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Import;
using Matchmaker.Model.Ranking;

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

    /// <summary>The repo's copy of the Crunchbase data (CC-BY, see NOTICE): beside the executable, else in the checkout.</summary>
    public static string DataDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "data", "crunchbase-2013");
        return File.Exists(Path.Combine(beside, "companies.csv")) ? beside : Path.Combine(Hosting.RepoRoot.Find(), "data", "crunchbase-2013");
    }

    public sealed record Participants(
        IReadOnlyList<ImportedStartup> Startups,
        IReadOnlyList<ImportedDelegate> Delegates);

    public static Participants Build(CrunchbaseData data)
    {
        var random = new Random(Seed);
        var slotCount = EventSlots.From(Config).Count;
        var acquisitions = data.Engagements.Where(e => e.Kind == EngagementKind.Acquisition).ToList();
        var delegates = acquisitions
            .Where(e => data.Company(e.CorporateId) is { Category: { } sector } corporate && Vocabulary.Sectors.Contains(sector) && IsCountry(corporate.Place.Country))
            .GroupBy(e => e.CorporateId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(DelegateCount)
            .Select(g => new ImportedDelegate(IdOf(g.Key), DelegateOf(data.Company(g.Key), g.Select(e => data.Company(e.TargetId)).ToList(), random), AvailabilityOf(slotCount, random)))
            .ToList();

        // Startups: recently founded, funded companies no one had acquired by October 2013.
        var acquired = acquisitions.Select(e => e.TargetId).ToHashSet(StringComparer.Ordinal);
        var startups = data.Companies.Values
            .Where(c => c.Category is { } sector && Vocabulary.Sectors.Contains(sector) && IsCountry(c.Place.Country)
                        && c.FoundedYear is >= 2008 && c.FundingUsd > 0 && !acquired.Contains(c.Id) && c.Name.Length is > 0 and <= 200)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .DistinctBy(c => IdOf(c.Id))
            .ToList();
        var chosen = startups.OrderBy(_ => random.Next()).Take(StartupCount).OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new ImportedStartup(IdOf(c.Id), StartupOf(c, random), AvailabilityOf(slotCount, random)))
            .ToList();
        return new Participants(
            chosen.Select((s, i) => s with { Profile = s.Profile with { ContactEmail = DemoEmail(s.Id), Language = LanguageOf(i) } }).ToList(),
            delegates.Select((d, i) => d with { Profile = d.Profile with { ContactEmail = DemoEmail(d.Id), Language = LanguageOf(i) } }).ToList());
    }

    /// <summary>Addresses under the reserved .test domain: mail reaches the development inbox and nobody real.</summary>
    private static string DemoEmail(string id) => $"{id}@demo.matchmaker.test";

    /// <summary>Every third participant reads Korean, so both languages of notices show in the demo.</summary>
    private static string LanguageOf(int index) => index % 3 == 1 ? "ko" : "en";

    private static DelegateProfile DelegateOf(CrunchbaseCompany company, IReadOnlyList<CrunchbaseCompany> targets, Random random)
    {
        var interests = targets.Where(t => t.Category is { } c && Vocabulary.Sectors.Contains(c))
            .GroupBy(t => t.Category!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(3).Select(g => g.Key).ToList();
        var countries = targets.Where(t => IsCountry(t.Place.Country))
            .GroupBy(t => t.Place.Country!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(2).Select(g => g.Key).ToList();
        return new DelegateProfile(
            Name: $"{company.Name} scouting team",
            Role: "Corporate development",
            Company: company.Name,
            CompanySector: company.Category!,
            Interests: interests.Count > 0 ? interests : [company.Category!],
            Seeks: random.Next(2) == 0 ? ["acquisition", "partnership"] : ["proof-of-concept", "partnership"],
            Offers: random.Next(2) == 0 ? ["investment", "distribution"] : ["distribution"],
            Stages: null,
            Countries: countries.Count > 0 ? countries : null,
            MeetingsPerDayCap: 6,
            ContactEmail: null,
            CompanyCountry: company.Place.Country,
            CompanyCity: company.Place.City is { Length: > 0 and <= 100 } city ? city : null);
    }

    private static StartupProfile StartupOf(CrunchbaseCompany company, Random random)
    {
        string[] seeks = ["investment", "proof-of-concept", "distribution", "partnership"];
        return new StartupProfile(
            Name: company.Name,
            Sectors: [company.Category!],
            Stage: CrunchbaseData.StageOf(company.FundingUsd) ?? "seed",
            Country: company.Place.Country!,
            City: company.Place.City is { Length: > 0 and <= 100 } city ? city : null,
            Seeks: seeks.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Order().ToList(),
            Pitch: null,
            TeamSize: null,
            Website: null,
            ContactEmail: null,
            FoundedYear: company.FoundedYear,
            FundingUsd: (long?)company.FundingUsd);
    }

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

    private static bool IsCountry(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    /// <summary>A grain id from a Crunchbase permalink such as <c>/company/1000memories</c>.</summary>
    private static string IdOf(string permalink)
    {
        var slug = new string(permalink[(permalink.LastIndexOf('/') + 1)..].ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-', '_');
        if (slug.Length == 0) slug = "company";
        return slug.Length > GrainKeys.MaxIdLength ? slug[..GrainKeys.MaxIdLength] : slug;
    }
}
