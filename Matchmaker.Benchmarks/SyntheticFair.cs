using Matchmaker.Model.Domain;
using Matchmaker.Model.Import;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Benchmarks;

/// <summary>A seeded synthetic event for the batch benchmark: profiles spread like a real fair, with some accepted requests.</summary>
public sealed record SyntheticFair(
    EventConfig Config,
    IReadOnlyList<ImportedStartup> Startups,
    IReadOnlyList<ImportedDelegate> Delegates,
    IReadOnlyList<(string StartupId, string DelegateId)> AcceptedRequests)
{
    private static readonly string[] Countries = ["KOR", "KOR", "KOR", "USA", "USA", "JPN", "DEU", "FRA", "ISR", "SGP"];

    /// <summary>The fair as a match table's inputs: its participants, and each accepted request as a signal.</summary>
    public (List<EventDelegate> Delegates, List<EventStartup> Startups, List<EventSignal> Signals) TableInputs() => (
        [.. Delegates.Select(d => new EventDelegate(d.Id, d.Profile))],
        [.. Startups.Select(s => new EventStartup(s.Id, s.Profile))],
        [.. AcceptedRequests.Distinct().Select(r => new EventSignal(r.DelegateId, r.StartupId, new PairSignals(StartupRequested: true, Accepted: true)))]);

    public static SyntheticFair Generate(int startups, int delegates, int seed)
    {
        var random = new Random(seed);
        var config = new EventConfig("Synthetic fair", "Asia/Seoul",
            [new DateOnly(2027, 5, 11), new DateOnly(2027, 5, 12), new DateOnly(2027, 5, 13)],
            new TimeOnly(9, 0), new TimeOnly(15, 20), 20, [new TimeWindow(new TimeOnly(12, 0), new TimeOnly(13, 0))],
            Tables: Math.Max(40, delegates), MaxMeetingsPerStartup: 6, MaxMeetingsPerDelegate: 12, RequestQuota: 5);
        var slotCount = EventSlots.From(config).Count;
        var sectors = Vocabulary.Sectors.ToArray();
        // A few sectors dominate real fairs; a squared draw skews towards the front of a shuffled list.
        var popular = sectors.OrderBy(_ => random.Next()).ToArray();
        string Sector() => popular[(int)(Math.Pow(random.NextDouble(), 2) * popular.Length)];
        string[] engagements = ["investment", "proof-of-concept", "distribution", "partnership"];

        var startupList = Enumerable.Range(0, startups).Select(i => new ImportedStartup($"s{i:0000}", new StartupProfile(
                $"Startup {i}", new[] { Sector(), Sector() }.Distinct().ToList(), Vocabulary.Stages[random.Next(1, Vocabulary.Stages.Count)],
                Countries[random.Next(Countries.Length)], null, engagements.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList(),
                null, random.Next(2, 80), null, null, random.Next(2010, 2027), random.Next(0, 30) * 500_000L),
            Availability(slotCount, random))).ToList();
        var delegateList = Enumerable.Range(0, delegates).Select(i => new ImportedDelegate($"d{i:000}", new DelegateProfile(
                $"Scout {i}", "Open innovation", $"Corporate {i / 3}", Sector(), new[] { Sector(), Sector(), Sector() }.Distinct().ToList(),
                ["proof-of-concept", "partnership"], ["investment", "distribution"], null, [Countries[random.Next(Countries.Length)]],
                random.Next(4, 7), null, Countries[random.Next(Countries.Length)]),
            Availability(slotCount, random))).ToList();
        var accepted = Enumerable.Range(0, startups / 2)
            .Select(_ => (startupList[random.Next(startups)].Id, delegateList[random.Next(delegates)].Id))
            .Distinct().ToList();
        return new SyntheticFair(config, startupList, delegateList, accepted);
    }

    /// <summary>10–20 % of slots forbidden, in short blocks.</summary>
    private static Availability Availability(int slotCount, Random random)
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
}
