using Matchmaker.Model.Grains;

namespace Matchmaker.Tests.Matches;

public sealed class LocalMatchListsTests
{
    private sealed class Lists(string name) : IServedMatchLists
    {
        public MatchList? ForDelegate(string delegateId, MatchQuery query) => new([new Match(name, name, null, 1, [], [], null, null)]);

        public MatchList? ForStartup(string startupId, MatchQuery query) => null;
    }

    [Fact]
    public void A_grain_withdrawing_its_old_lists_leaves_the_newer_ones_another_activation_served_and_events_stay_apart()
    {
        var local = new LocalMatchLists();
        var (old, newer, other) = (new Lists("old"), new Lists("newer"), new Lists("other"));

        local.Serve("fair", old);
        local.Serve("expo", other);
        local.Serve("fair", newer);
        local.Withdraw("fair", old);

        Assert.Same(newer, local.For("fair"));
        Assert.Same(other, local.For("expo"));
        local.Withdraw("fair", newer);
        Assert.Null(local.For("fair"));
        Assert.Null(local.For("nowhere"));
    }
}
