using Matchmaker.Model.Domain;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

/// <summary>
/// A large event's matches are held in delegate-range partitions and score only candidate pairs. Partitioning must
/// not change a single list (with every pair a candidate, the partitions read exactly as the one table does), and
/// candidate generation must keep every pair that shares a sector and every pair someone asked for.
/// </summary>
public class PartitionedMatchesTests(SmallModelFixture small) : IClassFixture<SmallModelFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly string[] Sectors = [.. Vocabulary.Sectors];
    private static readonly string[] Countries = ["KOR", "USA", "FRA", "DEU"];

    private sealed record Fair(List<EventDelegate> Delegates, List<EventStartup> Startups, List<EventSignal> Signals);

    private static Fair MakeFair(int delegates, int startups, int seed)
    {
        var random = new Random(seed);
        string Pick(string[] from) => from[random.Next(from.Length)];
        var fair = new Fair(
            [.. Enumerable.Range(0, delegates).Select(i => new EventDelegate($"d{i}", new DelegateProfile($"D {i}", null, $"Co {i}", Pick(Sectors),
                [Pick(Sectors), Pick(Sectors)], ["partnership"], null, [Pick([.. Vocabulary.Stages])], [Pick(Countries)], 8, null, Pick(Countries), "Seoul")))],
            [.. Enumerable.Range(0, startups).Select(i => new EventStartup($"s{i}", new StartupProfile($"S {i}", [Pick(Sectors), Pick(Sectors)], Pick([.. Vocabulary.Stages]),
                Pick(Countries), random.Next(2) == 0 ? "Seoul" : "Austin", ["partnership"], null, 5, null, null, 2015 + random.Next(10), random.Next(1, 5) * 1_000_000)))],
            []);
        for (var i = 0; i < delegates * 2; i++)
            fair.Signals.Add(new EventSignal($"d{random.Next(delegates)}", $"s{random.Next(startups)}",
                random.Next(3) switch
                {
                    0 => new PairSignals(DelegateInvited: true),
                    1 => new PairSignals(StartupRequested: true, Accepted: random.Next(2) == 0),
                    _ => new PairSignals(StartupRequested: true, Declined: true),
                }));
        return fair;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void With_every_pair_a_candidate_partitions_of_any_size_read_exactly_as_the_one_table(int partitionDelegates)
    {
        var fair = MakeFair(delegates: 15, startups: 40, seed: 3);
        var table = EventMatchTable.Build(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today);
        var partitioned = PartitionedMatchTable.Build(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today,
            candidatesPerParticipant: 0, partitionDelegates);

        Assert.True(partitioned.PartitionCount > 1);
        AssertSame(table, partitioned, fair);
    }

    [Fact]
    public void Partition_size_does_not_change_a_list_of_candidate_pairs()
    {
        var fair = MakeFair(delegates: 30, startups: 60, seed: 5);
        var whole = PartitionedMatchTable.Build(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today, candidatesPerParticipant: 6, partitionDelegates: 1000);
        var split = PartitionedMatchTable.Build(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today, candidatesPerParticipant: 6, partitionDelegates: 4);

        Assert.Equal(1, whole.PartitionCount);
        Assert.Equal(8, split.PartitionCount);
        Assert.True(whole.Pairs < 30 * 60);
        AssertSame(whole, split, fair);
    }

    [Fact]
    public void Candidates_hold_every_pair_that_shares_a_sector_and_every_signalled_pair()
    {
        var fair = MakeFair(delegates: 20, startups: 50, seed: 7);
        var candidates = MatchCandidates.ForDelegates(fair.Delegates, fair.Startups, fair.Signals, perParticipant: 1000);

        var signalled = fair.Signals.Select(s => (s.DelegateId, s.StartupId)).ToHashSet();
        for (var d = 0; d < fair.Delegates.Count; d++)
            for (var s = 0; s < fair.Startups.Count; s++)
            {
                var shares = MatchCandidates.SectorsOf(fair.Delegates[d].Profile).Intersect(fair.Startups[s].Profile.Sectors).Any();
                var asked = signalled.Contains((fair.Delegates[d].Id, fair.Startups[s].Id));
                Assert.Equal(shares || asked, candidates[d].Contains(s));
            }
    }

    [Fact]
    public void A_capped_participant_keeps_its_cap_of_sector_sharing_counterparts_and_every_signalled_pair()
    {
        var fair = MakeFair(delegates: 20, startups: 80, seed: 11);
        const int cap = 5;
        var candidates = MatchCandidates.ForDelegates(fair.Delegates, fair.Startups, fair.Signals, perParticipant: cap);

        for (var d = 0; d < fair.Delegates.Count; d++)
        {
            var sectors = MatchCandidates.SectorsOf(fair.Delegates[d].Profile);
            var sharing = Enumerable.Range(0, fair.Startups.Count).Count(s => sectors.Intersect(fair.Startups[s].Profile.Sectors).Any());
            Assert.True(candidates[d].Count(s => sectors.Intersect(fair.Startups[s].Profile.Sectors).Any()) >= Math.Min(cap, sharing));
        }
        for (var s = 0; s < fair.Startups.Count; s++)
        {
            var sectors = fair.Startups[s].Profile.Sectors;
            var sharing = fair.Delegates.Count(d => MatchCandidates.SectorsOf(d.Profile).Intersect(sectors).Any());
            var chosen = Enumerable.Range(0, fair.Delegates.Count)
                .Count(d => candidates[d].Contains(s) && MatchCandidates.SectorsOf(fair.Delegates[d].Profile).Intersect(sectors).Any());
            Assert.True(chosen >= Math.Min(cap, sharing));
        }
        foreach (var signal in fair.Signals)
            Assert.Contains(fair.Startups.FindIndex(s => s.Id == signal.StartupId), candidates[fair.Delegates.FindIndex(d => d.Id == signal.DelegateId)]);
        Assert.True(candidates.Sum(c => c.Length) < fair.Delegates.Count * fair.Startups.Count);
    }

    [Fact]
    public void A_pair_sharing_no_sector_and_no_signal_is_not_scored_but_a_requested_one_is()
    {
        var model = small.Model;
        DelegateProfile Scout(string sector) => new("Scout", null, "Co", sector, [sector], ["partnership"], null, [], ["KOR"], 8, null, "KOR", "Seoul");
        StartupProfile Startup(string sector) => new("S", [sector], "Seed", "KOR", "Seoul", ["partnership"], null, 5, null, null, 2020, 1_000_000);
        List<EventDelegate> delegates = [new("d1", Scout(Sectors[0])), new("d2", Scout(Sectors[1]))];
        List<EventStartup> startups = [new("s1", Startup(Sectors[0])), new("s2", Startup(Sectors[1])), new("s3", Startup(Sectors[2]))];
        List<EventSignal> signals = [new("d1", "s3", new PairSignals(StartupRequested: true))];

        var table = PartitionedMatchTable.Build(model, delegates, startups, signals, Today, candidatesPerParticipant: 10, partitionDelegates: 1);

        Assert.Equal(["s3", "s1"], table.RankedForDelegate("d1").Select(m => m.StartupId));
        Assert.Equal(["s2"], table.RankedForDelegate("d2").Select(m => m.StartupId));
        Assert.Equal(["d1"], table.RankedForStartup("s3").Select(m => m.DelegateId));
        Assert.Equal(3, table.Pairs);
    }

    [Fact]
    public void An_event_up_to_the_dense_size_is_one_table_of_every_pair()
    {
        var fair = MakeFair(delegates: 10, startups: 20, seed: 13);
        var scale = new MatchScale(DenseMaxPairs: 200, CandidatesPerParticipant: 2, PartitionDelegates: 3);

        Assert.IsType<EventMatchTable>(scale.Build(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today));
        Assert.IsType<PartitionedMatchTable>((scale with { DenseMaxPairs = 199 }).Build(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today));
    }

    private static void AssertSame(IRankedMatches expected, IRankedMatches actual, Fair fair)
    {
        foreach (var d in fair.Delegates)
        {
            Assert.Equal(expected.RankedForDelegate(d.Id), actual.RankedForDelegate(d.Id), EntryComparer.Instance);
            Assert.Equal(Words(expected.ForDelegate(d.Id, 5)), Words(actual.ForDelegate(d.Id, 5)));
            Assert.Equal(Words(expected.ForDelegate(d.Id, 3, new MatchFilter(Sector: d.Profile.CompanySector))),
                Words(actual.ForDelegate(d.Id, 3, new MatchFilter(Sector: d.Profile.CompanySector))));
        }
        foreach (var s in fair.Startups)
        {
            Assert.Equal(expected.RankedForStartup(s.Id), actual.RankedForStartup(s.Id), EntryComparer.Instance);
            Assert.Equal(Words(expected.ForStartup(s.Id, 5)), Words(actual.ForStartup(s.Id, 5)));
            Assert.Equal(Words(expected.ForStartup(s.Id, 3, new MatchFilter(Country: "KOR"))), Words(actual.ForStartup(s.Id, 3, new MatchFilter(Country: "KOR"))));
        }
        Assert.Equal(expected.AllPairs().OrderBy(m => m.DelegateId).ThenBy(m => m.StartupId),
            actual.AllPairs().OrderBy(m => m.DelegateId).ThenBy(m => m.StartupId), EntryComparer.Instance);
        Assert.Null(actual.ForDelegate("nobody", 5));
        Assert.Null(actual.ForStartup("nobody", 5));
    }

    private static List<string> Words(IReadOnlyList<EventMatch>? list) =>
        [.. list!.Select(m => $"{m.DelegateId}/{m.StartupId} {m.Score:R} {m.BrowserPercentile:R} {m.OtherPercentile:R}: {string.Join("; ", m.Reasons)}")];

    /// <summary>Exact: the same doubles, not nearly the same.</summary>
    private sealed class EntryComparer : IEqualityComparer<EventMatch>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(EventMatch? x, EventMatch? y) =>
            x!.DelegateId == y!.DelegateId && x.StartupId == y.StartupId && x.Score == y.Score
            && x.BrowserPercentile == y.BrowserPercentile && x.OtherPercentile == y.OtherPercentile;

        public int GetHashCode(EventMatch obj) => HashCode.Combine(obj.DelegateId, obj.StartupId);
    }
}
