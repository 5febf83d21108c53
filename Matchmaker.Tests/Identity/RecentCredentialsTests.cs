using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;

namespace Matchmaker.Tests.Identity;

public class RecentCredentialsTests
{
    private static readonly Actor Scout = new(ActorRole.Participant, "expo", ParticipantKind.Delegate, "scout");

    [Fact]
    public void A_checked_credential_is_trusted_until_its_event_removes_credentials_here()
    {
        var recent = new RecentCredentials(TimeSpan.FromMinutes(1));
        recent.Keep("expo.secret", "expo", Scout, recent.EpochOf("expo"));
        Assert.True(recent.TryGet("expo.secret", "expo", out var actor));
        Assert.Equal(Scout, actor);

        recent.Forget("other");
        Assert.True(recent.TryGet("expo.secret", "expo", out _));
        recent.Forget("expo");
        Assert.False(recent.TryGet("expo.secret", "expo", out _));
    }

    [Fact]
    public void A_check_that_a_removal_overtook_is_not_kept()
    {
        var recent = new RecentCredentials(TimeSpan.FromMinutes(1));
        var before = recent.EpochOf("expo");
        recent.Forget("expo"); // the grain revoked the token while the check was on its way back
        recent.Keep("expo.secret", "expo", Scout, before);
        Assert.False(recent.TryGet("expo.secret", "expo", out _));
    }

    [Fact]
    public void No_lifetime_keeps_nothing_and_a_credential_is_only_trusted_for_its_own_event()
    {
        var off = new RecentCredentials(TimeSpan.Zero);
        off.Keep("expo.secret", "expo", Scout, 0);
        Assert.False(off.TryGet("expo.secret", "expo", out _));

        var recent = new RecentCredentials(TimeSpan.FromMinutes(1));
        recent.Keep("expo.secret", "expo", Scout, 0);
        Assert.False(recent.TryGet("expo.secret", "fair", out _));
    }
}
