using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Identity;

/// <summary>The pure rules, without a cluster: who may answer, send and see what.</summary>
public sealed class AccessRulesTests
{
    private static readonly Actor Startup = Actor.ParticipantOf("e", ParticipantKind.Startup, "s");
    private static readonly Actor Scout = Actor.ParticipantOf("e", ParticipantKind.Delegate, "d");
    private static readonly Actor Organiser = Actor.OrganiserOf("e");

    private static MeetingRequest RequestFrom(RequestSide from) =>
        new("s.d", "s", "d", from, RequestStatus.Pending, null, null, false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    [Fact]
    public void Only_the_recipient_accepts_and_either_party_or_the_organiser_cancels()
    {
        var request = RequestFrom(RequestSide.Startup);

        Assert.False(AccessRules.MayRespond(Startup, "e", request, RequestAction.Accept));
        Assert.True(AccessRules.MayRespond(Scout, "e", request, RequestAction.Accept));
        Assert.False(AccessRules.MayRespond(Organiser, "e", request, RequestAction.Decline));
        Assert.True(AccessRules.MayRespond(Startup, "e", RequestFrom(RequestSide.Delegate), RequestAction.Decline));
        Assert.All(new[] { Startup, Scout, Organiser }, actor => Assert.True(AccessRules.MayRespond(actor, "e", request, RequestAction.Cancel)));
        Assert.False(AccessRules.MayRespond(Actor.OrganiserOf("other"), "e", request, RequestAction.Cancel));
    }

    [Fact]
    public void A_refused_answer_leaves_the_request_as_it_was()
    {
        var (next, outcome) = RequestRules.Respond(Startup, "e", RequestFrom(RequestSide.Startup), "s", "d", RequestAction.Accept, null, DateTimeOffset.UnixEpoch);

        Assert.Null(next);
        Assert.Equal(RequestRefusal.Forbidden, outcome.Refusal);
    }

    [Fact]
    public void The_other_side_sees_the_public_profile_and_contact_details_only_after_an_accepted_meeting()
    {
        Assert.Equal(ProfileView.Public, AccessRules.ProfileViewOf(Scout, "e", ParticipantKind.Startup, "s", meetingAccepted: false));
        Assert.Equal(ProfileView.WithContact, AccessRules.ProfileViewOf(Scout, "e", ParticipantKind.Startup, "s", meetingAccepted: true));
        Assert.Equal(ProfileView.None, AccessRules.ProfileViewOf(Actor.ParticipantOf("e", ParticipantKind.Startup, "rival"), "e", ParticipantKind.Startup, "s", false));
        Assert.Equal(ProfileView.None, AccessRules.ProfileViewOf(Actor.FeedOf("e", ParticipantKind.Startup, "s"), "e", ParticipantKind.Startup, "s", false));
        Assert.Equal(ProfileView.None, AccessRules.ProfileViewOf(Actor.ParticipantOf("other", ParticipantKind.Delegate, "d"), "e", ParticipantKind.Startup, "s", true));
    }

    [Fact]
    public void Idempotency_keys_drop_the_oldest_first()
    {
        var records = new List<IdempotencyRecord>();
        for (var i = 0; i <= IdempotencyRecord.Remembered; i++)
            IdempotencyRecord.Remember(records, new IdempotencyRecord("sender", $"k{i}", "f", "d"));

        Assert.Equal(IdempotencyRecord.Remembered, records.Count);
        Assert.DoesNotContain(records, r => r.Key == "k0");
        Assert.Contains(records, r => r.Key == $"k{IdempotencyRecord.Remembered}");
    }

    [Fact]
    public void A_reconfiguration_that_shifts_a_published_slot_names_the_meeting()
    {
        var config = Samples.Event();
        PublishedMeeting[] published = [new("s.d", "s", "d", Slot: 3, Table: 7, MeetingOrigin.Accepted, 1)];

        Assert.Empty(Reconfiguration.MovedMeetings(config, Samples.Event(days: 3), published));
        Assert.Contains("s.d", Assert.Single(Reconfiguration.MovedMeetings(config, config with { SlotMinutes = 30 }, published)));
        Assert.Contains("table 7", Assert.Single(Reconfiguration.MovedMeetings(config, config with { Tables = 5 }, published)));
    }

    [Fact]
    public void Credentials_parse_only_when_shaped_like_one_and_are_stored_as_hashes()
    {
        var token = Credentials.New("week-1");

        Assert.True(Credentials.TryParse(token, out var eventId, out var secret));
        Assert.Equal("week-1", eventId);
        Assert.NotEqual(secret, Credentials.Hash(secret));
        Assert.False(Credentials.TryParse("no-dot", out _, out _));
        Assert.False(Credentials.TryParse("Bad Event.secret", out _, out _));
        Assert.False(Credentials.TryParse("e.sec ret", out _, out _));
    }
}
