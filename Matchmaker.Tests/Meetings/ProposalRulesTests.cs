using Matchmaker.Api.Features.Agendas;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Meetings;

/// <summary>The proposal lifecycle's pure rules: confirmation policies, the deadline, tables kept on a rerun.</summary>
public sealed class ProposalRulesTests
{
    private static readonly Actor Startup = Actor.ParticipantOf("e", ParticipantKind.Startup, "s");
    private static readonly Actor Scout = Actor.ParticipantOf("e", ParticipantKind.Delegate, "d");
    private static readonly DateTimeOffset Now = new(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static MeetingRequest? Confirm(Actor actor, MeetingRequest? existing, ConfirmationPolicy policy) =>
        RequestRules.RespondToProposal(actor, "e", existing, "s", "d", RequestAction.Accept, null, policy, Now).Next;

    [Fact]
    public void Both_sides_must_confirm_unless_the_event_asks_the_scout_alone()
    {
        var byStartup = Confirm(Startup, null, ConfirmationPolicy.Both)!;
        Assert.Equal(RequestStatus.Pending, byStartup.Status);
        Assert.True(byStartup.IsProposal);
        Assert.Equal(RequestStatus.Accepted, Confirm(Scout, byStartup, ConfirmationPolicy.Both)!.Status);

        Assert.Equal(RequestStatus.Pending, Confirm(Startup, null, ConfirmationPolicy.ScoutOnly)!.Status);
        Assert.Equal(RequestStatus.Accepted, Confirm(Scout, null, ConfirmationPolicy.ScoutOnly)!.Status);
        Assert.Null(Confirm(Startup, byStartup, ConfirmationPolicy.Both));
    }

    [Fact]
    public void Only_the_two_parties_answer_a_proposal_and_a_decline_closes_the_pair()
    {
        var outsider = RequestRules.RespondToProposal(Actor.ParticipantOf("e", ParticipantKind.Startup, "rival"), "e", null, "s", "d",
            RequestAction.Accept, null, ConfirmationPolicy.Both, Now);
        var organiser = RequestRules.RespondToProposal(Actor.OrganiserOf("e"), "e", null, "s", "d", RequestAction.Decline, null, ConfirmationPolicy.Both, Now);
        var declined = RequestRules.RespondToProposal(Startup, "e", null, "s", "d", RequestAction.Decline, "no", ConfirmationPolicy.Both, Now).Next!;

        Assert.Equal(RequestRefusal.Forbidden, outsider.Outcome.Refusal);
        Assert.Equal(RequestRefusal.Forbidden, organiser.Outcome.Refusal);
        Assert.Equal(RequestStatus.Declined, declined.Status);
        Assert.Equal(RequestRefusal.PreviouslyDeclined,
            RequestRules.Send(Startup, "e", "s", new NewRequest("d", RequestSide.Startup, null, null, 5), declined, 0, Now).Outcome.Refusal);
    }

    [Fact]
    public void An_unconfirmed_proposal_is_released_at_the_deadline_before_its_slot()
    {
        var config = Samples.Event() with { ConfirmationDeadlineHours = 24 };
        var start = Now.AddHours(30);

        Assert.Equal(MeetingState.Proposed, MeetingStates.Of(MeetingOrigin.Recommended, null, config, start, Now));
        Assert.Equal(MeetingState.Released, MeetingStates.Of(MeetingOrigin.Recommended, null, config, start, Now.AddHours(7)));
        Assert.Equal(MeetingState.Confirmed, MeetingStates.Of(MeetingOrigin.Recommended, null, config with { Confirmation = ConfirmationPolicy.Auto }, start, Now.AddHours(7)));
        Assert.Equal(MeetingState.Confirmed, MeetingStates.Of(MeetingOrigin.Accepted, null, config, start, Now.AddHours(7)));
    }

    [Fact]
    public void A_meeting_that_keeps_its_slot_keeps_its_table()
    {
        PublishedMeeting[] before = [new("a.x", "a", "x", 3, 2, MeetingOrigin.Recommended, 1), new("b.y", "b", "y", 3, 1, MeetingOrigin.Recommended, 1)];
        PublishedMeeting[] solved = [new("a.x", "a", "x", 3, 1, MeetingOrigin.Recommended, 1), new("c.z", "c", "z", 3, 2, MeetingOrigin.Recommended, 1),
            new("b.y", "b", "y", 4, 1, MeetingOrigin.Recommended, 1)];

        var kept = TableKeeping.KeepPrevious(solved, before, tableCount: 3).ToDictionary(m => m.Id, m => (m.Slot, m.Table));

        Assert.Equal((3, 2), kept["a.x"]);
        Assert.Equal(3, kept["c.z"].Slot);
        Assert.NotEqual(2, kept["c.z"].Table);
        Assert.Equal((4, 1), kept["b.y"]);
    }
}
