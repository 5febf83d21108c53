using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

/// <summary>
/// A table updated from the previous one after a change must equal the table built from nothing on the same
/// inputs: every pair's score and percentiles, every list's order, every shown reason.
/// </summary>
public class IncrementalMatchesTests(SmallModelFixture small) : IClassFixture<SmallModelFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly string[] Sectors = [.. Vocabulary.Sectors];
    private static readonly string[] Countries = ["KOR", "USA", "FRA", "DEU"];

    private sealed record Fair(List<EventDelegate> Delegates, List<EventStartup> Startups, List<EventSignal> Signals)
    {
        public Fair Copy() => new([.. Delegates], [.. Startups], [.. Signals]);
    }

    private static Fair MakeFair(int delegates, int startups, int seed)
    {
        var random = new Random(seed);
        string Pick(string[] from) => from[random.Next(from.Length)];
        var fair = new Fair(
            [.. Enumerable.Range(0, delegates).Select(i => new EventDelegate($"d{i}", new DelegateProfile($"D {i}", null, $"Co {i}", Pick(Sectors),
                [Pick(Sectors), Pick(Sectors)], ["partnership"], null, [Pick([.. Vocabulary.Stages])], [Pick(Countries)], 8, null, Pick(Countries), "Seoul")))],
            [.. Enumerable.Range(0, startups).Select(i => new EventStartup($"s{i}", new StartupProfile($"S {i}", [Pick(Sectors)], Pick([.. Vocabulary.Stages]),
                Pick(Countries), random.Next(2) == 0 ? "Seoul" : "Austin", ["partnership"], null, 5, null, null, 2015 + random.Next(10), random.Next(1, 5) * 1_000_000)))],
            []);
        // Delegates that invited startups and startups that asked delegates: both sides' event histories are non-empty.
        for (var i = 0; i < delegates * 2; i++)
            fair.Signals.Add(new EventSignal($"d{random.Next(delegates)}", $"s{random.Next(startups)}",
                random.Next(2) == 0 ? new PairSignals(DelegateInvited: true) : new PairSignals(StartupRequested: true, Accepted: random.Next(2) == 0)));
        return fair;
    }

    private EventMatchTable Build(Fair fair) => EventMatchTable.Build(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today);

    private EventMatchTable Update(EventMatchTable previous, Fair fair, params MatchChange[] changes)
    {
        var merged = new MatchChanges();
        foreach (var change in changes) merged.Add(change);
        // Word the previous table's lists first, so what an update keeps of them is checked too.
        foreach (var d in fair.Delegates) previous.ForDelegate(d.Id, 5);
        foreach (var s in fair.Startups) previous.ForStartup(s.Id, 5);
        return previous.Update(small.Model, fair.Delegates, fair.Startups, fair.Signals, Today, merged);
    }

    private static void AssertSame(EventMatchTable expected, EventMatchTable actual, Fair fair)
    {
        foreach (var d in fair.Delegates)
        {
            Assert.Equal(expected.RankedForDelegate(d.Id), actual.RankedForDelegate(d.Id), EntryComparer.Instance);
            Assert.Equal(Words(expected.ForDelegate(d.Id, 5)), Words(actual.ForDelegate(d.Id, 5)));
        }
        foreach (var s in fair.Startups)
        {
            Assert.Equal(expected.RankedForStartup(s.Id), actual.RankedForStartup(s.Id), EntryComparer.Instance);
            Assert.Equal(Words(expected.ForStartup(s.Id, 5)), Words(actual.ForStartup(s.Id, 5)));
        }
    }

    private static List<string> Words(IReadOnlyList<EventMatch>? list) => [.. list!.Select(m => $"{m.DelegateId}/{m.StartupId}: {string.Join("; ", m.Reasons)}")];

    /// <summary>Exact: the same doubles, not nearly the same.</summary>
    private sealed class EntryComparer : IEqualityComparer<EventMatch>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(EventMatch? x, EventMatch? y) =>
            x!.DelegateId == y!.DelegateId && x.StartupId == y.StartupId && x.Score == y.Score
            && x.BrowserPercentile == y.BrowserPercentile && x.OtherPercentile == y.OtherPercentile;

        public int GetHashCode(EventMatch obj) => HashCode.Combine(obj.DelegateId, obj.StartupId);
    }

    [Fact]
    public void A_startup_that_changes_sector_is_rescored_for_every_delegate_including_those_whose_history_holds_it()
    {
        var fair = MakeFair(20, 50, seed: 1);
        var before = Build(fair);
        // A startup some delegate invited: that delegate's history holds its sectors.
        var wanted = fair.Signals.First(s => s.Signals.DelegateInvited).StartupId;
        var next = fair.Copy();
        var i = next.Startups.FindIndex(s => s.Id == wanted);
        next.Startups[i] = next.Startups[i] with { Profile = next.Startups[i].Profile with { Sectors = ["biotech", "medical"], Country = "DEU" } };

        var updated = Update(before, next, MatchChange.OfStartup(wanted));

        AssertSame(Build(next), updated, next);
        Assert.NotEqual(before.RankedForStartup(wanted), updated.RankedForStartup(wanted), EntryComparer.Instance);
    }

    [Fact]
    public void A_delegate_that_changes_interests_is_rescored_including_for_startups_that_asked_it()
    {
        var fair = MakeFair(20, 50, seed: 2);
        var before = Build(fair);
        var asked = fair.Signals.First(s => s.Signals.StartupRequested).DelegateId;
        var next = fair.Copy();
        var i = next.Delegates.FindIndex(d => d.Id == asked);
        next.Delegates[i] = next.Delegates[i] with { Profile = next.Delegates[i].Profile with { Interests = ["games_video"], CompanySector = "games_video", CompanyCountry = "FRA" } };

        var updated = Update(before, next, MatchChange.OfDelegate(asked));

        AssertSame(Build(next), updated, next);
        Assert.NotEqual(before.RankedForDelegate(asked), updated.RankedForDelegate(asked), EntryComparer.Instance);
    }

    [Fact]
    public void A_request_an_acceptance_and_a_decline_move_only_their_pairs_and_match_a_full_build()
    {
        var fair = MakeFair(15, 40, seed: 3);
        var table = Build(fair);
        var next = fair.Copy();
        next.Signals.Add(new EventSignal("d3", "s7", new PairSignals(StartupRequested: true)));
        table = Update(table, next, MatchChange.OfPair("d3", "s7"));
        AssertSame(Build(next), table, next);
        Assert.Equal("s7", table.ForDelegate("d3", 1)![0].StartupId);

        next.Signals[^1] = new EventSignal("d3", "s7", new PairSignals(StartupRequested: true, Accepted: true, Rating: 5));
        next.Signals.Add(new EventSignal("d4", "s1", new PairSignals(DelegateInvited: true, Declined: true)));
        table = Update(table, next, MatchChange.OfPair("d3", "s7"), MatchChange.OfPair("d4", "s1"));
        AssertSame(Build(next), table, next);
        Assert.Equal("s1", table.RankedForDelegate("d4").Last().StartupId);
    }

    [Fact]
    public void A_long_run_of_mixed_edits_each_updated_from_the_last_keeps_matching_a_full_build()
    {
        // Each update merges moved scores into orders that earlier updates merged: errors would accumulate here.
        var fair = MakeFair(25, 60, seed: 7);
        var table = Build(fair);
        var random = new Random(7);
        for (var step = 0; step < 12; step++)
        {
            var next = fair.Copy();
            var changes = new List<MatchChange>();
            for (var edit = 0; edit < 1 + step % 3; edit++)
                switch (random.Next(3))
                {
                    case 0:
                        var s = random.Next(next.Startups.Count);
                        next.Startups[s] = next.Startups[s] with { Profile = next.Startups[s].Profile with { Sectors = [Sectors[random.Next(Sectors.Length)]], Stage = Vocabulary.Stages.ElementAt(random.Next(Vocabulary.Stages.Count)) } };
                        changes.Add(MatchChange.OfStartup(next.Startups[s].Id));
                        break;
                    case 1:
                        var d = random.Next(next.Delegates.Count);
                        next.Delegates[d] = next.Delegates[d] with { Profile = next.Delegates[d].Profile with { Interests = [Sectors[random.Next(Sectors.Length)]] } };
                        changes.Add(MatchChange.OfDelegate(next.Delegates[d].Id));
                        break;
                    default:
                        var (delegateId, startupId) = ($"d{random.Next(25)}", $"s{random.Next(60)}");
                        next.Signals.Add(new EventSignal(delegateId, startupId, random.Next(2) == 0 ? new PairSignals(StartupRequested: true) : new PairSignals(DelegateInvited: true, Declined: true)));
                        changes.Add(MatchChange.OfPair(delegateId, startupId));
                        break;
                }
            table = Update(table, next, [.. changes]);
            AssertSame(Build(next), table, next);
            fair = next;
        }
    }

    [Fact]
    public void Registrations_and_removals_on_both_sides_match_a_full_build()
    {
        var fair = MakeFair(15, 40, seed: 4);
        var before = Build(fair);
        var next = fair.Copy();
        next.Startups.Add(new EventStartup("s-new", fair.Startups[0].Profile with { Name = "Newcomer", Sectors = ["semiconductor"] }));
        next.Delegates.RemoveAt(2);
        next.Signals.RemoveAll(s => s.DelegateId == fair.Delegates[2].Id);
        next.Delegates.Add(new EventDelegate("d-new", fair.Delegates[0].Profile with { Name = "Late scout" }));

        var updated = Update(before, next, MatchChange.OfStartup("s-new"), MatchChange.OfDelegate(fair.Delegates[2].Id), MatchChange.OfDelegate("d-new"));

        AssertSame(Build(next), updated, next);
        Assert.Null(updated.ForDelegate(fair.Delegates[2].Id, 5));
        Assert.Equal(41, updated.RankedForDelegate("d-new").Count());
    }

    [Fact]
    public void An_edit_that_changes_no_feature_keeps_every_list_and_a_new_day_rescored_everything()
    {
        var fair = MakeFair(10, 30, seed: 5);
        var before = Build(fair);
        var next = fair.Copy();
        next.Startups[4] = next.Startups[4] with { Profile = next.Startups[4].Profile with { Pitch = "We changed our pitch" } };

        var updated = Update(before, next, MatchChange.OfStartup(next.Startups[4].Id));
        AssertSame(Build(next), updated, next);

        var tomorrow = before.Update(small.Model, next.Delegates, next.Startups, next.Signals, Today.AddYears(1), new MatchChanges());
        AssertSame(EventMatchTable.Build(small.Model, next.Delegates, next.Startups, next.Signals, Today.AddYears(1)), tomorrow, next);
    }

    [Fact]
    public void A_list_worded_from_the_previous_table_is_kept_only_when_none_of_the_entries_it_read_changed()
    {
        var fair = MakeFair(10, 30, seed: 6);
        var before = Build(fair);
        var renamed = fair.Copy();
        var edited = renamed.Startups[4].Id;
        renamed.Startups[4] = renamed.Startups[4] with { Profile = renamed.Startups[4].Profile with { Name = "Renamed" } };

        var afterRename = Update(before, renamed, MatchChange.OfStartup(edited));

        // A rename moves no score: exactly the lists that showed the startup must be worded again.
        foreach (var d in renamed.Delegates)
            Assert.Equal(!before.RankedForDelegate(d.Id).Take(5).Any(m => m.StartupId == edited), afterRename.SameDelegateList(before, d.Id, 5));
        Assert.False(afterRename.SameStartupList(before, edited, 3));
        Assert.True(afterRename.SameStartupList(before, renamed.Startups[5].Id, 3));

        var requested = renamed.Copy();
        requested.Signals.Add(new EventSignal("d1", "s9", new PairSignals(StartupRequested: true)));
        var afterRequest = Update(afterRename, requested, MatchChange.OfPair("d1", "s9"));
        Assert.False(afterRequest.SameDelegateList(afterRename, "d1", 5));
        Assert.False(afterRequest.SameStartupList(afterRename, "s9", 3));
    }

    [Fact]
    public void A_list_re_sorted_below_what_was_read_keeps_its_worded_head()
    {
        var fair = MakeFair(12, 40, seed: 8);
        var before = Build(fair);
        var next = fair.Copy();
        var edited = next.Startups[7].Id;
        next.Startups[7] = next.Startups[7] with { Profile = next.Startups[7].Profile with { Sectors = ["biotech"], Country = "FRA", Stage = "growth" } };

        var after = Update(before, next, MatchChange.OfStartup(edited));

        // Kept exactly when the three entries read are the same pairs with the same scores, none of them the edited startup.
        var kept = next.Delegates.Select(d =>
        {
            var (was, now) = (before.RankedForDelegate(d.Id).Take(3).ToList(), after.RankedForDelegate(d.Id).Take(3).ToList());
            var same = was.SequenceEqual(now, EntryComparer.Instance) && now.All(m => m.StartupId != edited);
            Assert.Equal(same, after.SameDelegateList(before, d.Id, 3));
            return same;
        }).ToList();
        // The edit moved scores in every row (its percentiles shift), yet some lists' heads did not move.
        Assert.Contains(true, kept);
        Assert.Contains(next.Delegates, d => !before.RankedForDelegate(d.Id).SequenceEqual(after.RankedForDelegate(d.Id), EntryComparer.Instance)
            && after.SameDelegateList(before, d.Id, 3));
    }
}
