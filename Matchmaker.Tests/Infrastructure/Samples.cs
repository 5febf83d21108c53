using Matchmaker.Model.Domain;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>Valid inputs that tests vary one field at a time.</summary>
public static class Samples
{
    public static EventConfig Event(int days = 2) => new(
        Name: "Smart Life Week",
        TimeZone: "Asia/Seoul",
        Days: Enumerable.Range(0, days).Select(d => new DateOnly(2027, 5, 10).AddDays(d)).ToList(),
        DailyStart: new TimeOnly(9, 0),
        DailyEnd: new TimeOnly(17, 0),
        SlotMinutes: 20,
        Breaks: [new TimeWindow(new TimeOnly(12, 0), new TimeOnly(13, 0))],
        Tables: 20,
        MaxMeetingsPerStartup: 8,
        MaxMeetingsPerDelegate: 12,
        RequestQuota: 5);

    public static StartupProfile Startup(string name = "Nuvi Robotics") => new(
        Name: name,
        Sectors: ["hardware", "semiconductor"],
        Stage: "seed",
        Country: "KOR",
        City: "Seoul",
        Seeks: ["investment", "proof-of-concept"],
        Pitch: "Vision chips for home robots.",
        TeamSize: 12,
        Website: "https://nuvi.example",
        ContactEmail: "ceo@nuvi.example",
        FoundedYear: 2022);

    public static DelegateProfile Delegate(string name = "Jiwoo Park") => new(
        Name: name,
        Role: "Open innovation lead",
        Company: "Samsung Electronics",
        CompanySector: "hardware",
        Interests: ["semiconductor", "hardware", "mobile"],
        Seeks: ["proof-of-concept", "partnership"],
        Offers: ["investment", "distribution"],
        Stages: ["seed", "series-a"],
        Countries: ["KOR", "USA"],
        MeetingsPerDayCap: 6,
        ContactEmail: "jiwoo@samsung.example",
        CompanyCountry: "KOR");

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
