using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Model.Ranking;
using Matchmaker.Model.Scheduling.Events;
using Matchmaker.Silo.Batch;

namespace Matchmaker.Tests.Batch;

/// <summary>
/// Seeded events for the batch planner, without a cluster: a first night (a few accepted requests, the rest
/// proposals), then people confirm some proposals, accept new requests and lose a few slots, and the second
/// night plans again. The shapes name what makes an event tight: caps nearly full, few tables.
/// </summary>
public static class PlannerEvents
{
    /// <param name="Unavailable">Chance that a participant cannot attend a given slot.</param>
    /// <param name="FirstAccepted">Accepted requests before the first night.</param>
    /// <param name="LaterAccepted">Accepted requests made between the nights (new pairs).</param>
    /// <param name="ConfirmShare">Share of the first night's proposals both sides confirm.</param>
    /// <param name="SlotLosses">Participants who give up two slots between the nights.</param>
    /// <param name="Crowding">How much requests crowd onto the first scouts: 1 = evenly, 2 = a few scouts draw most.</param>
    public sealed record Shape(
        string Name, int Startups, int Delegates, int Days, int SlotsPerDay, int Tables,
        int StartupCap, int DelegateCap, int PerDayCap, double Unavailable,
        int FirstAccepted, int LaterAccepted, double ConfirmShare, int SlotLosses, double Crowding = 2)
    {
        public override string ToString() => Name;
    }

    public static readonly DateTimeOffset Now = new(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly FirstDay = new(2027, 5, 10);
    private static readonly string[] Sectors = ["semiconductor", "biotech", "web", "mobile", "cleantech", "hardware"];

    private static readonly Lazy<RankingModel> Model = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "models", "default-ranking.zip");
            if (File.Exists(file)) return RankingModel.Load(file);
        }
        throw new FileNotFoundException("models/default-ranking.zip not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The batch's plan for a snapshot, with the match table built as the batch builds it.</summary>
    public static PublishedSchedule Plan(EventSnapshot snapshot, double seconds = 4, ExactPlacementOptions? exact = null, DateTimeOffset? now = null) =>
        SchedulePlanner.Plan(snapshot, snapshot.MatchTable(Model.Value, DateOnly.FromDateTime(Now.UtcDateTime)), TimeSpan.FromSeconds(seconds), now ?? Now, exact);

    /// <summary>The first night's snapshot.</summary>
    public static EventSnapshot FirstNight(Shape shape, int seed)
    {
        var random = new Random(seed);
        var config = new EventConfig($"{shape.Name} {seed}", "Asia/Seoul",
            Enumerable.Range(0, shape.Days).Select(FirstDay.AddDays).ToList(),
            new TimeOnly(9, 0), new TimeOnly(9, 0).AddMinutes(30 * shape.SlotsPerDay), 30, null,
            shape.Tables, shape.StartupCap, shape.DelegateCap, RequestQuota: 50);
        var slotCount = shape.Days * shape.SlotsPerDay;
        Availability Free() =>
            random.NextDouble() < 0.3 ? Availability.All
            : new Availability(Enumerable.Range(0, slotCount).Where(_ => random.NextDouble() >= shape.Unavailable).ToList());
        var startups = Enumerable.Range(1, shape.Startups).Select(i => new StartupDocument($"s{i:000}",
            new StartupProfile($"Startup {i}", [Sectors[random.Next(Sectors.Length)]], "seed", "KOR", "Seoul", ["partnership"], null, 5, null, null),
            Free(), Now)).ToList();
        var delegates = Enumerable.Range(1, shape.Delegates).Select(i =>
        {
            var sector = Sectors[random.Next(Sectors.Length)];
            return new DelegateDocument($"d{i:00}",
                new DelegateProfile($"Scout {i}", null, $"Co {i}", sector, [sector, Sectors[random.Next(Sectors.Length)]], ["partnership"], null, null, null,
                    shape.PerDayCap, null, "KOR", "Seoul"),
                Free(), Now);
        }).ToList();
        var requests = RandomPairs(random, startups, delegates, shape.FirstAccepted, [], shape.Crowding)
            .Select(p => Accepted(p.Startup, p.Delegate, RequestSide.Startup)).ToList();
        return new EventSnapshot($"planner-{seed}", config, startups, delegates, requests, [], null, []);
    }

    /// <summary>The next night: proposals confirmed, new requests accepted, a few slots given up, over the published schedule.</summary>
    public static EventSnapshot NextNight(Shape shape, int seed, EventSnapshot before, PublishedSchedule published)
    {
        var random = new Random(seed * 7919 + 1);
        var requests = before.Requests.ToList();
        var taken = requests.Select(r => (r.StartupId, r.DelegateId)).ToHashSet();
        foreach (var m in published.Meetings.Where(m => m.Origin == MeetingOrigin.Recommended))
            if (random.NextDouble() < shape.ConfirmShare && taken.Add((m.StartupId, m.DelegateId)))
                requests.Add(Accepted(m.StartupId, m.DelegateId, RequestSide.Batch));
        requests.AddRange(RandomPairs(random, before.Startups, before.Delegates, shape.LaterAccepted, taken, shape.Crowding)
            .Select(p => Accepted(p.Startup, p.Delegate, RequestSide.Startup)));

        var slotCount = EventSlots.From(before.Config).Count;
        Availability Without(Availability a, int[] lost) =>
            new((a.Slots ?? Enumerable.Range(0, slotCount).ToList()).Except(lost).ToList());
        var startups = before.Startups.ToList();
        var delegates = before.Delegates.ToList();
        for (var i = 0; i < shape.SlotLosses; i++)
        {
            // Slots where the participant has a meeting, so the loss matters.
            int[] LostOf(string id)
            {
                var mine = published.Meetings.Where(m => m.StartupId == id || m.DelegateId == id).Select(m => m.Slot).ToArray();
                return mine.Length == 0 ? [random.Next(slotCount)] : [mine[random.Next(mine.Length)], random.Next(slotCount)];
            }
            if (random.Next(2) == 0)
            {
                var k = random.Next(startups.Count);
                startups[k] = startups[k] with { Availability = Without(startups[k].Availability, LostOf(startups[k].Id)) };
            }
            else
            {
                var k = random.Next(delegates.Count);
                delegates[k] = delegates[k] with { Availability = Without(delegates[k].Availability, LostOf(delegates[k].Id)) };
            }
        }
        return before with { Startups = startups, Delegates = delegates, Requests = requests, Published = published };
    }

    /// <summary>
    /// The planner's input as the problem statement reads it: slots and days from the configuration, tables,
    /// availabilities, caps, the confirmed meetings that stay (agreed, both still able to attend their slot),
    /// and the accepted requests. Unconfirmed proposals are left out: the batch may move or drop them.
    /// </summary>
    public static PlaceabilityChecker.Problem ProblemOf(EventSnapshot snapshot)
    {
        var config = snapshot.Config;
        var slots = EventSlots.From(config);
        var requests = snapshot.Requests.ToDictionary(r => (r.StartupId, r.DelegateId));
        var startups = snapshot.Startups.Select(s => new PlaceabilityChecker.Person(s.Id, Set(s.Availability), config.MaxMeetingsPerStartup)).ToList();
        var delegates = snapshot.Delegates.Select(d => new PlaceabilityChecker.Person(d.Id, Set(d.Availability), config.MaxMeetingsPerDelegate, d.Profile.MeetingsPerDayCap)).ToList();
        var attends = startups.Concat(delegates).ToDictionary(p => p.Id);
        bool Agreed(PublishedMeeting m) =>
            m.Origin is MeetingOrigin.Accepted or MeetingOrigin.Refill || config.Confirmation == ConfirmationPolicy.Auto ||
            (requests.TryGetValue((m.StartupId, m.DelegateId), out var r) && r.Status == RequestStatus.Accepted);
        bool Closed(PublishedMeeting m) =>
            requests.TryGetValue((m.StartupId, m.DelegateId), out var r) && r.Status is RequestStatus.Declined or RequestStatus.Cancelled;
        var stays = (snapshot.Published?.Meetings ?? []).Concat(snapshot.Refills)
            .Where(m => Agreed(m) && !Closed(m) && m.Slot < slots.Count && m.Table <= config.Tables
                        && attends.TryGetValue(m.StartupId, out var s) && s.Attends(m.Slot)
                        && attends.TryGetValue(m.DelegateId, out var d) && d.Attends(m.Slot))
            .Select(m => new PlaceabilityChecker.Staying(m.StartupId, m.DelegateId, m.Slot, m.Table))
            .ToList();
        var accepted = snapshot.Requests.Where(r => r.Status == RequestStatus.Accepted).Select(r => (r.StartupId, r.DelegateId)).ToList();
        return new PlaceabilityChecker.Problem(slots.Select(s => s.DayIndex).ToList(), config.Tables, startups, delegates, stays, accepted);
    }

    private static IReadOnlySet<int>? Set(Availability a) => a.Slots?.ToHashSet();

    private static MeetingRequest Accepted(string startup, string @delegate, RequestSide from) =>
        new(MeetingRequest.IdOf(startup, @delegate), startup, @delegate, from, RequestStatus.Accepted, null, null, false, Now, Now, 1,
            StartupConfirmed: true, DelegateConfirmed: true);

    private static IEnumerable<(string Startup, string Delegate)> RandomPairs(
        Random random, IReadOnlyList<StartupDocument> startups, IReadOnlyList<DelegateDocument> delegates, int count, HashSet<(string, string)> taken, double crowding)
    {
        // Requests crowd onto popular scouts, as they do at fairs.
        for (var made = 0; made < count;)
        {
            var s = startups[random.Next(startups.Count)].Id;
            var d = delegates[(int)(delegates.Count * Math.Pow(random.NextDouble(), crowding))].Id;
            if (!taken.Add((s, d))) continue;
            made++;
            yield return (s, d);
        }
    }
}
