using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Live;
using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Model.Notices;

/// <summary>
/// Which change becomes which notice for whom. A party is not told what it did itself; when the organiser acts,
/// both parties are told. Ids name the change, so the same change delivered twice is one notice.
/// </summary>
public static class NoticeRules
{
    /// <summary>A meeting starting within this time gets a reminder.</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromMinutes(30);

    /// <summary>The notices a change of a pair's record makes: a new request, an answer, a confirmation, a cancellation.</summary>
    public static IReadOnlyList<AddressedNotice> ForRequest(Actor actor, MeetingRequest? previous, MeetingRequest next, DateTimeOffset now)
    {
        if (previous is not null && previous.Revision == next.Revision) return [];
        var id = $"{next.Id}.r{next.Revision}";
        var toStartup = new AddressedNotice(ParticipantKind.Startup, next.StartupId, Notice(NoticeKind.RequestReceived, next.DelegateId));
        var toDelegate = new AddressedNotice(ParticipantKind.Delegate, next.DelegateId, Notice(NoticeKind.RequestReceived, next.StartupId));

        Notice Notice(NoticeKind kind, string otherId) => new(id, kind, now, MeetingId: next.Id, OtherId: otherId, Message: next.DeclineReason ?? next.Message);
        IReadOnlyList<AddressedNotice> ToOthers(NoticeKind kind) => actor.Side switch
        {
            RequestSide.Startup => [Of(toDelegate, kind)],
            RequestSide.Delegate => [Of(toStartup, kind)],
            _ => [Of(toStartup, kind), Of(toDelegate, kind)],
        };
        static AddressedNotice Of(AddressedNotice n, NoticeKind kind) => n with { Notice = n.Notice with { Kind = kind } };

        var reopened = previous is null || previous.Status != RequestStatus.Pending || previous.From != next.From;
        return next.Status switch
        {
            RequestStatus.Pending when next.IsProposal => ToOthers(NoticeKind.ProposalConfirmed),
            RequestStatus.Pending when !reopened => [],
            RequestStatus.Pending => next.From == RequestSide.Startup
                ? [Of(toDelegate, NoticeKind.RequestReceived)]
                : [Of(toStartup, NoticeKind.InvitationReceived)],
            RequestStatus.Accepted => ToOthers(NoticeKind.RequestAccepted),
            RequestStatus.Declined => ToOthers(NoticeKind.Declined),
            RequestStatus.Cancelled => ToOthers(NoticeKind.Cancelled),
            _ => [],
        };
    }

    /// <summary>One notice per participant whose agenda a new schedule version changed, listing what changed.</summary>
    public static IReadOnlyList<AddressedNotice> ForSchedule(PublishedSchedule schedule, DateTimeOffset now)
    {
        var notices = new List<AddressedNotice>();
        foreach (var change in schedule.Changes)
        {
            // A startup and a delegate may share an id; each meeting id says which side the participant is on.
            foreach (var kind in new[] { ParticipantKind.Startup, ParticipantKind.Delegate })
            {
                List<string> Mine(IEnumerable<string> meetingIds) => meetingIds.Where(m => SideOf(m, change.ParticipantId) == kind).ToList();
                var (added, moved, removed) = (Mine(change.Added), Mine(change.Moved), Mine(change.Cancelled));
                if (added.Count + moved.Count + removed.Count == 0) continue;
                notices.Add(new AddressedNotice(kind, change.ParticipantId, new Notice($"schedule.v{schedule.Version}", NoticeKind.ScheduleChanged, now,
                    Version: schedule.Version, Added: added, Moved: moved, Removed: removed)));
            }
        }
        return notices;
    }

    /// <summary>An offer of a freed slot, to each standby startup it is made to.</summary>
    public static IReadOnlyList<AddressedNotice> ForOffer(RefillOffer offer) =>
        offer.Candidates.Select(startupId => new AddressedNotice(ParticipantKind.Startup, startupId,
            new Notice($"offer.{offer.OfferId}", NoticeKind.RefillOffered, offer.CreatedAt, OtherId: offer.DelegateId, Slot: offer.Slot, OfferId: offer.OfferId)))
            .ToList();

    /// <summary>Reminders, to both parties, of the meetings that start after <paramref name="from"/> and no later than the lead time from now.</summary>
    public static IReadOnlyList<AddressedNotice> Reminders(IEnumerable<(PublishedMeeting Meeting, DateTimeOffset Start)> meetings, DateTimeOffset from, DateTimeOffset now)
    {
        var notices = new List<AddressedNotice>();
        foreach (var (meeting, start) in meetings)
        {
            if (start <= from || start <= now || start > now + ReminderLead) continue;
            var id = $"reminder.{meeting.Id}.{meeting.Slot}";
            notices.Add(new AddressedNotice(ParticipantKind.Startup, meeting.StartupId, new Notice(id, NoticeKind.MeetingReminder, now, meeting.Id, meeting.DelegateId, meeting.Slot)));
            notices.Add(new AddressedNotice(ParticipantKind.Delegate, meeting.DelegateId, new Notice(id, NoticeKind.MeetingReminder, now, meeting.Id, meeting.StartupId, meeting.Slot)));
        }
        return notices;
    }

    private static ParticipantKind? SideOf(string meetingId, string participantId) =>
        !MeetingRequest.TrySplitId(meetingId, out var startupId, out var delegateId) ? null
        : startupId == participantId ? ParticipantKind.Startup
        : delegateId == participantId ? ParticipantKind.Delegate
        : null;
}
