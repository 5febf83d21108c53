namespace Matchmaker.Model.Scheduling.Events;

/// <summary>
/// Seeded synthetic events for benchmarks and tests: 3 days × 16 slots (two sessions a day), each
/// participant unable to attend 10–20 % of the slots, delegates capped at 8–12 meetings, startups at 6,
/// about 15 candidate delegates per startup (popular delegates weigh more), one must-meet per 4 startups.
/// </summary>
public static class SyntheticEvent
{
    public static EventSchedulingProblem Generate(int startups, int delegates, int seed, int days = 3, int slotsPerDay = 16)
    {
        var random = new Random(seed);
        var slots = EventSchedulingProblem.Grid(days, slotsPerDay, sessionsPerDay: 2);
        IReadOnlySet<int> Forbidden()
        {
            var share = 0.10 + 0.10 * random.NextDouble();
            return Enumerable.Range(0, slots.Count).Where(_ => random.NextDouble() < share).ToHashSet();
        }
        var startupList = Enumerable.Range(0, startups).Select(i => new EventParticipant($"s{i + 1}", Forbidden(), Cap: 6)).ToArray();
        var delegateList = Enumerable.Range(0, delegates).Select(i => new EventParticipant($"d{i + 1}", Forbidden(), Cap: random.Next(8, 13))).ToArray();
        var popularity = Enumerable.Range(0, delegates).Select(_ => random.NextDouble()).ToArray();

        var candidates = new List<CandidatePair>();
        var mustMeet = new List<MustMeetPair>();
        var perStartup = Math.Min(15, delegates);
        foreach (var s in startupList)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < perStartup) chosen.Add(random.Next(delegates));
            foreach (var d in chosen)
                candidates.Add(new CandidatePair(s.Id, delegateList[d].Id,
                    Math.Round(random.NextDouble() * (0.5 + 0.5 * popularity[d]), 4)));
            if (random.Next(4) == 0)
            {
                var pick = candidates[^random.Next(1, perStartup + 1)];
                mustMeet.Add(new MustMeetPair(pick.Startup, pick.Delegate, pick.Weight));
            }
        }
        var tables = Math.Max(1, delegates / 4);
        return new EventSchedulingProblem(slots, tables, startupList, delegateList, candidates, mustMeet, [], []);
    }
}
