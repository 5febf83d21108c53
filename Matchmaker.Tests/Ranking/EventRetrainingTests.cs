using Matchmaker.Model.Domain;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

public class EventRetrainingTests(SmallModelFixture small) : IClassFixture<SmallModelFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly string[] Sectors = ["semiconductor", "biotech", "web", "mobile", "health", "software"];

    [Fact]
    public void Retraining_on_an_events_signals_learns_its_pattern_and_is_used_only_because_it_wins_on_held_out_lists()
    {
        // At this event every delegate, whatever it declared, accepts Korean startups and declines the rest:
        // a pattern the Crunchbase model cannot know.
        var delegates = Enumerable.Range(0, 40).Select(i => new EventDelegate($"d{i}", new DelegateProfile($"d{i}", null, "Co", Sectors[i % 6],
            [Sectors[(i + 1) % 6]], ["partnership"], null, null, null, 8, null, "USA", "Austin"))).ToList();
        var startups = Enumerable.Range(0, 40).Select(i => new EventStartup($"s{i}", new StartupProfile($"s{i}", [Sectors[i % 6]], "seed",
            i % 2 == 0 ? "KOR" : "USA", i % 2 == 0 ? "Seoul" : "Austin", ["partnership"], null, 5, null, null))).ToList();
        var random = new Random(5);
        var signals = new List<EventSignal>();
        foreach (var d in delegates)
            foreach (var s in startups.OrderBy(_ => random.Next()).Take(8))
                signals.Add(new EventSignal(d.Id, s.Id, s.Profile.Country == "KOR"
                    ? new PairSignals(StartupRequested: true, Accepted: true, Rating: 5)
                    : new PairSignals(StartupRequested: true, Declined: true)));

        var result = EventRetraining.Retrain(small.Model, delegates, startups, signals, Today);

        Assert.True(result.HeldOutGroups >= 3);
        Assert.True(result.CandidateNdcgAt10 > result.DefaultNdcgAt10, result.Why);
        Assert.True(result.UseCandidate);
    }

    [Fact]
    public void Retraining_with_too_few_signals_keeps_the_current_model()
    {
        var delegates = new[] { new EventDelegate("d", new DelegateProfile("d", null, "Co", "web", ["web"], ["partnership"], null, null, null, 8, null)) };
        var startups = new[] { new EventStartup("s", new StartupProfile("s", ["web"], "seed", "KOR", null, ["partnership"], null, 5, null, null)) };

        var result = EventRetraining.Retrain(small.Model, delegates, startups, [new EventSignal("d", "s", new PairSignals(Accepted: true))], Today);

        Assert.False(result.UseCandidate);
        Assert.Same(small.Model, result.Candidate);
        Assert.Contains("Too few signals", result.Why);
    }

    [Theory]
    [InlineData(true, false, false, null, 1f)]
    [InlineData(true, true, false, null, 2f)]
    [InlineData(true, true, false, 4.0, 3f)]
    [InlineData(true, false, true, null, 0f)]
    [InlineData(false, false, false, null, 0f)]
    public void Signals_grade_relevance_for_the_delegate(bool requested, bool accepted, bool declined, double? rating, float grade) =>
        Assert.Equal(grade, EventRetraining.Grade(new PairSignals(StartupRequested: requested, Accepted: accepted, Declined: declined, Rating: rating), Perspective.CorporateBrowses));

    [Fact]
    public void A_scouts_own_invitation_counts_as_wanted_even_when_the_startup_declined_it()
    {
        var declinedInvitation = new PairSignals(DelegateInvited: true, Declined: true);

        Assert.Equal(1f, EventRetraining.Grade(declinedInvitation, Perspective.CorporateBrowses));
        Assert.True(EventRetraining.BrowserWants(declinedInvitation, Perspective.CorporateBrowses));
        // From the startup's side it declined the scout: not wanted.
        Assert.Equal(0f, EventRetraining.Grade(declinedInvitation, Perspective.StartupBrowses));
        Assert.False(EventRetraining.BrowserWants(declinedInvitation, Perspective.StartupBrowses));
    }

    [Fact]
    public void The_gate_counts_only_what_the_browser_itself_wanted()
    {
        // A startup asked the scout and is still waiting: the scout has shown nothing yet.
        var pending = new PairSignals(StartupRequested: true);

        Assert.False(EventRetraining.BrowserWants(pending, Perspective.CorporateBrowses));
        Assert.True(EventRetraining.BrowserWants(pending, Perspective.StartupBrowses));
        Assert.True(EventRetraining.BrowserWants(new PairSignals(StartupRequested: true, Accepted: true), Perspective.CorporateBrowses));
    }
}
