using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Live;
using Matchmaker.Model.PublishedSchedules;
using Mediator;

namespace Matchmaker.Api.Features.Live;

/// <summary>A no-show as recorded, and the offer of the rest of its slot to standby startups when there is one.</summary>
public sealed record NoShowOutcome(NoShow NoShow, RefillOffer? Offer);

/// <summary>
/// Reports that a party did not come to a confirmed meeting: the party that came reports the other, or the organiser
/// names the absent side. Rules in <see cref="NoShowRules"/>; the event's live-ops grain keeps the first report.
/// </summary>
public sealed record ReportNoShow(Actor Actor, string EventId, string MeetingId, RequestSide? Absent) : ICommand<NoShowOutcome>, IValidated
{
    public ValidationErrors Validate()
    {
        var errors = Ids.ForEvent(EventId);
        if (!MeetingRequest.TrySplitId(MeetingId, out _, out _)) errors.Add("meetingId", Phrases.Plain($"'{ValidationErrors.Shortened(MeetingId)}' is not a meeting id; ids look like startupId.delegateId."));
        if (Absent is { } side && side is not (RequestSide.Startup or RequestSide.Delegate)) errors.Add("absent", Phrases.Plain("must be startup or delegate."));
        return errors;
    }
}

public sealed class ReportNoShowHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<ReportNoShow, NoShowOutcome>
{
    public async ValueTask<NoShowOutcome> Handle(ReportNoShow command, CancellationToken cancellationToken)
    {
        MeetingRequest.TrySplitId(command.MeetingId, out var startupId, out var delegateId);
        var absent = NoShowRules.AbsentSide(command.Actor, command.EventId, startupId, delegateId, command.Absent);
        AccessCheck.Require(absent is not null,
            $"{ParticipantRules.Capitalised(command.Actor)} cannot report a no-show at meeting '{command.MeetingId}': a party reports the other side, the organiser names the absent side.");
        var config = await grains.RequireEventAsync(command.EventId);
        var live = grains.GetGrain<ILiveOpsGrain>(command.EventId);
        var schedule = await GetAgendaHandler.PublishedScheduleAsync(grains, command.EventId);
        var meeting = schedule?.Meetings.FirstOrDefault(m => m.Id == command.MeetingId)
            ?? (await live.GetOffersAsync()).Where(o => o.MeetingId == command.MeetingId)
                .Select(o => new PublishedMeeting(o.MeetingId!, o.TakenBy!, o.DelegateId, o.Slot, o.Table, MeetingOrigin.Refill, 0)).FirstOrDefault()
            ?? throw new NotFoundException($"Meeting '{command.MeetingId}' is not on the schedule of event '{command.EventId}'.");

        var now = clock.GetUtcNow();
        var start = EventSlots.StartsAt(config, EventSlots.From(config)[meeting.Slot]);
        var startup = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, startupId));
        var record = (await startup.GetRequestsAsync()).FirstOrDefault(r => r.Id == command.MeetingId);
        var reportedBefore = (await live.GetNoShowsAsync()).Any(n => n.MeetingId == command.MeetingId);
        if (!reportedBefore && MeetingStates.Of(meeting.Origin, record, config, start, now) != MeetingState.Confirmed)
            throw new ConflictException(Phrases.NotConfirmedMeeting.With(command.MeetingId));

        var report = new NoShow(command.MeetingId, absent!.Value, absent == RequestSide.Startup ? startupId : delegateId, meeting.Slot, now,
            AccessRules.MayOrganise(command.Actor, command.EventId) ? NoShowRules.Organiser : command.Actor.ParticipantId!);
        var (recorded, refusal) = await live.MarkNoShowAsync(report, start);
        if (recorded is null) throw new ConflictException(refusal!);

        // The meeting is off like a cancelled one: the next batch neither keeps it nor finds it clashing with a refill of
        // its table. (A proposal agreed by policy alone has no record yet: the reporting party declines it instead.)
        var closed = record is not null
            ? await startup.RespondAsync(command.Actor, delegateId, RequestAction.Cancel, "no-show")
            : await startup.RespondToProposalAsync(command.Actor, delegateId, RequestAction.Decline, "no-show", config.Confirmation);
        // The scout is waiting at a free table: the rest of the slot goes to a standby startup while it is still worth it.
        var offer = closed.Refusal == RequestRefusal.None && NoShowRules.RefillOpenUntil(recorded.Absent, start.AddMinutes(config.SlotMinutes), now) is { } until
            ? await Refills.OfferFreedSlotAsync(grains, command.EventId, command.MeetingId, now, until)
            : null;
        return new NoShowOutcome(recorded, offer);
    }
}
