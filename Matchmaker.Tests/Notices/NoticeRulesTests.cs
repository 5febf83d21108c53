using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Tests.Notices;

public sealed class NoticeRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 5, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly Actor Startup = Actor.ParticipantOf("e", ParticipantKind.Startup, "s1");
    private static readonly Actor Scout = Actor.ParticipantOf("e", ParticipantKind.Delegate, "d1");

    private static MeetingRequest Request(RequestStatus status, int revision, RequestSide from = RequestSide.Startup) =>
        new("s1.d1", "s1", "d1", from, status, "Hello", null, false, Now, Now, revision);

    [Fact]
    public void A_new_request_tells_the_scout_and_not_the_startup_that_sent_it()
    {
        var notice = Assert.Single(NoticeRules.ForRequest(Startup, null, Request(RequestStatus.Pending, 1), Now));
        Assert.Equal((ParticipantKind.Delegate, "d1", NoticeKind.RequestReceived, "s1"), (notice.Kind, notice.ParticipantId, notice.Notice.Kind, notice.Notice.OtherId));
    }

    [Fact]
    public void An_invitation_tells_the_startup()
    {
        var notice = Assert.Single(NoticeRules.ForRequest(Scout, null, Request(RequestStatus.Pending, 1, RequestSide.Delegate), Now));
        Assert.Equal((ParticipantKind.Startup, NoticeKind.InvitationReceived), (notice.Kind, notice.Notice.Kind));
    }

    [Fact]
    public void An_answer_tells_the_other_party_and_each_revision_is_its_own_notice()
    {
        var accepted = Assert.Single(NoticeRules.ForRequest(Scout, Request(RequestStatus.Pending, 1), Request(RequestStatus.Accepted, 2), Now));
        Assert.Equal((ParticipantKind.Startup, NoticeKind.RequestAccepted), (accepted.Kind, accepted.Notice.Kind));
        var cancelled = Assert.Single(NoticeRules.ForRequest(Startup, Request(RequestStatus.Accepted, 2), Request(RequestStatus.Cancelled, 3), Now));
        Assert.Equal((ParticipantKind.Delegate, NoticeKind.Cancelled), (cancelled.Kind, cancelled.Notice.Kind));
        Assert.NotEqual(accepted.Notice.Id, cancelled.Notice.Id);
    }

    [Fact]
    public void When_the_organiser_cancels_both_parties_are_told()
    {
        var notices = NoticeRules.ForRequest(Actor.OrganiserOf("e"), Request(RequestStatus.Accepted, 2), Request(RequestStatus.Cancelled, 3), Now);
        Assert.Equal([ParticipantKind.Startup, ParticipantKind.Delegate], notices.Select(n => n.Kind));
        Assert.All(notices, n => Assert.Equal(NoticeKind.Cancelled, n.Notice.Kind));
    }

    [Fact]
    public void A_repeat_of_the_same_revision_makes_no_notice()
    {
        Assert.Empty(NoticeRules.ForRequest(Startup, Request(RequestStatus.Pending, 1), Request(RequestStatus.Pending, 1), Now));
    }

    [Fact]
    public void Confirming_a_proposal_tells_the_other_party()
    {
        var proposal = Request(RequestStatus.Pending, 1, RequestSide.Batch) with { StartupConfirmed = true };
        var notice = Assert.Single(NoticeRules.ForRequest(Startup, null, proposal, Now));
        Assert.Equal((ParticipantKind.Delegate, NoticeKind.ProposalConfirmed), (notice.Kind, notice.Notice.Kind));
    }

    [Fact]
    public void A_schedule_version_gives_each_participant_one_notice_with_its_own_changes()
    {
        // "x" is both a startup and a delegate id: each side gets its own notice.
        var schedule = new PublishedSchedule("e", 2, Now, [], new ScheduleQuality(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, []),
        [
            new ParticipantDiff("x", ["x.d1"], ["s2.x"], []),
            new ParticipantDiff("d1", ["x.d1"], [], ["s3.d1"]),
        ]);
        var notices = NoticeRules.ForSchedule(schedule, Now);
        Assert.Equal(3, notices.Count);
        Assert.All(notices, n => Assert.Equal("schedule.v2", n.Notice.Id));
        var asStartup = notices.Single(n => n.ParticipantId == "x" && n.Kind == ParticipantKind.Startup).Notice;
        var asDelegate = notices.Single(n => n.ParticipantId == "x" && n.Kind == ParticipantKind.Delegate).Notice;
        Assert.Equal(["x.d1"], asStartup.Added!);
        Assert.Empty(asStartup.Moved!);
        Assert.Empty(asDelegate.Added!);
        Assert.Equal(["s2.x"], asDelegate.Moved!);
        Assert.Equal(["s3.d1"], notices.Single(n => n.ParticipantId == "d1").Notice.Removed);
    }

    [Fact]
    public void Reminders_cover_meetings_starting_within_the_lead_time_once()
    {
        PublishedMeeting Meeting(string startup, int slot) => new($"{startup}.d1", startup, "d1", slot, 1, MeetingOrigin.Accepted, 1);
        var meetings = new[]
        {
            (Meeting("s1", 0), Now.AddMinutes(-5)),
            (Meeting("s2", 1), Now.AddMinutes(20)),
            (Meeting("s3", 2), Now.AddMinutes(40)),
        };
        var first = NoticeRules.Reminders(meetings, DateTimeOffset.MinValue, Now);
        Assert.Equal(["s2", "d1"], first.Select(n => n.ParticipantId));
        Assert.All(first, n => Assert.Equal("reminder.s2.d1.1", n.Notice.Id));
        // Ten minutes later the window has moved: only the meeting that entered it.
        var later = NoticeRules.Reminders(meetings, Now + NoticeRules.ReminderLead, Now.AddMinutes(10));
        Assert.Equal(["s3", "d1"], later.Select(n => n.ParticipantId));
    }
}
