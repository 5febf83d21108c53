using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Live;
using Mediator;

namespace Matchmaker.Api.Features.Live;

/// <summary>A party marks its arrival at a meeting (itself, or the organiser for either side).</summary>
public sealed record CheckInToMeeting(Actor Actor, string EventId, string MeetingId, RequestSide? Side) : ICommand<CheckIn>, IValidated
{
    public ValidationErrors Validate()
    {
        var errors = Ids.ForEvent(EventId);
        if (!MeetingRequest.TrySplitId(MeetingId, out _, out _)) errors.Add("meetingId", Phrases.Plain($"'{ValidationErrors.Shortened(MeetingId)}' is not a meeting id; ids look like startupId.delegateId."));
        if (Side is { } side && side is not (RequestSide.Startup or RequestSide.Delegate)) errors.Add("side", Phrases.Plain("must be startup or delegate."));
        return errors;
    }
}

public sealed class CheckInToMeetingHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<CheckInToMeeting, CheckIn>
{
    public async ValueTask<CheckIn> Handle(CheckInToMeeting command, CancellationToken cancellationToken)
    {
        MeetingRequest.TrySplitId(command.MeetingId, out var startupId, out var delegateId);
        var side = command.Side ?? command.Actor.Side;
        var allowed = side is { } s && (AccessRules.MayOrganise(command.Actor, command.EventId)
            || AccessRules.MayGiveFeedback(command.Actor, command.EventId, startupId, delegateId, s));
        AccessCheck.Require(allowed, $"{ParticipantRules.Capitalised(command.Actor)} cannot check in to meeting '{command.MeetingId}': a party checks itself in, or the organiser checks in a named side.");
        await grains.RequireEventAsync(command.EventId);
        var onSchedule = (await GetAgendaHandler.PublishedScheduleAsync(grains, command.EventId))?.Meetings.Any(m => m.Id == command.MeetingId) == true
            || (await grains.GetGrain<ILiveOpsGrain>(command.EventId).GetOffersAsync()).Any(o => o.MeetingId == command.MeetingId);
        if (!onSchedule) throw new Errors.NotFoundException($"Meeting '{command.MeetingId}' is not on the schedule of event '{command.EventId}'.");
        var checkIn = new CheckIn(command.MeetingId, side!.Value, clock.GetUtcNow());
        await grains.GetGrain<ILiveOpsGrain>(command.EventId).CheckInAsync(checkIn);
        return checkIn;
    }
}

/// <summary>One slot of the day as the organiser sees it from the floor (a no-show's table counts as empty).</summary>
public sealed record DaySlot(int Slot, DateTimeOffset Start, int Meetings, int EmptyTables, int CheckedIn, int NoShows = 0);

/// <summary>
/// The organiser's live view: arrivals, empty tables per slot, offers of freed slots, and no-shows with the day's
/// no-show rate (no-shows among the meetings whose grace period is over; null before the first).
/// </summary>
public sealed record DayView(string EventId, DateOnly Date, IReadOnlyList<DaySlot> Slots, IReadOnlyList<CheckIn> CheckIns, IReadOnlyList<RefillOffer> Offers,
    IReadOnlyList<NoShow>? NoShows = null, double? NoShowRate = null);

public sealed record GetDayView(Actor Actor, string EventId, DateOnly? Date) : IQuery<DayView>, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed class GetDayViewHandler(IGrainFactory grains, TimeProvider clock) : IQueryHandler<GetDayView, DayView>
{
    public async ValueTask<DayView> Handle(GetDayView query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(query.Actor, query.EventId), $"Only the organiser of '{query.EventId}' sees the day view.");
        var config = await grains.RequireEventAsync(query.EventId);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        var date = query.Date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var live = grains.GetGrain<ILiveOpsGrain>(query.EventId);
        var offers = await live.GetOffersAsync();
        var checkIns = await live.GetCheckInsAsync();
        var schedule = await GetAgendaHandler.PublishedScheduleAsync(grains, query.EventId);
        // A no-show cancels its meeting, but the table was set for it: it counts in its slot, as a no-show.
        var noShows = (await live.GetNoShowsAsync()).ToDictionary(n => n.MeetingId);
        var cancelled = new HashSet<string>();
        foreach (var startupId in (schedule?.Meetings ?? []).Select(m => m.StartupId).Distinct())
            foreach (var record in await grains.GetGrain<IStartupGrain>(GrainKeys.Participant(query.EventId, startupId)).GetRequestsAsync())
                if (record.Status is RequestStatus.Declined or RequestStatus.Cancelled && !noShows.ContainsKey(record.Id)) cancelled.Add(record.Id);
        var held = (schedule?.Meetings ?? []).Where(m => !cancelled.Contains(m.Id)).Select(m => (m.Id, m.Slot))
            .Concat(offers.Where(o => o.TakenBy is not null && !cancelled.Contains(o.MeetingId!)).Select(o => (Id: o.MeetingId!, o.Slot)))
            // A rerun drops a missed meeting from the schedule; the day still had it.
            .Concat(noShows.Values.Select(n => (Id: n.MeetingId, n.Slot))).DistinctBy(m => m.Id).ToList();
        var now = clock.GetUtcNow();
        var started = 0;
        var slots = EventSlots.From(config).Where(s => s.Date == date).Select(s =>
        {
            var here = held.Where(m => m.Slot == s.Index).ToList();
            var absent = here.Count(m => noShows.ContainsKey(m.Id));
            var start = EventSlots.StartsAt(config, s);
            if (NoShowRules.OpensAt(start) <= now) started += here.Count;
            return new DaySlot(s.Index, start, here.Count - absent, config.Tables - here.Count + absent,
                checkIns.Count(c => here.Any(m => m.Id == c.MeetingId)), absent);
        }).ToList();
        var todays = slots.Select(s => s.Slot).ToHashSet();
        var todaysNoShows = noShows.Values.Where(n => todays.Contains(n.Slot)).OrderBy(n => n.At).ToList();
        return new DayView(query.EventId, date, slots, checkIns, offers.Where(o => todays.Contains(o.Slot)).ToList(),
            todaysNoShows, NoShowRules.Rate(slots.Sum(s => s.NoShows), started));
    }
}
