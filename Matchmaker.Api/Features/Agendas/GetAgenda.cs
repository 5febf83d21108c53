using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Mediator;

namespace Matchmaker.Api.Features.Agendas;

/// <summary>A participant's meetings in the published schedule, in time order.</summary>
public sealed record GetAgenda(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId) : IQuery<AgendaView>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

public sealed record AgendaItem(
    string MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, int Table,
    string WithId, string WithName, string? WithCompany, MeetingOrigin Origin, MeetingState State, bool YouConfirmed);

public sealed record AgendaView(
    string EventId, string EventName, string TimeZone, ParticipantKind Kind, string ParticipantId, string ParticipantName,
    int Version, DateTimeOffset? PublishedAt, IReadOnlyList<AgendaItem> Meetings);

/// <summary>Where a meeting on an agenda stands.</summary>
public enum MeetingState
{
    /// <summary>Both sides agreed: an accepted request or invitation, or a confirmed proposal.</summary>
    Confirmed,
    /// <summary>The batch proposed it; waiting for the confirmations the event asks for.</summary>
    Proposed,
    /// <summary>A proposal nobody confirmed by the deadline before its slot: do not come.</summary>
    Released,
    /// <summary>A party declined or cancelled it: do not come.</summary>
    Cancelled,
}

public sealed class GetAgendaHandler(IGrainFactory grains, TimeProvider clock) : IQueryHandler<GetAgenda, AgendaView>
{
    public async ValueTask<AgendaView> Handle(GetAgenda query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayReadAgenda(query.Actor, query.EventId, query.Kind, query.ParticipantId),
            $"{ParticipantRules.Capitalised(query.Actor)} cannot read the agenda of {ParticipantRules.Describe(query.Kind, query.ParticipantId)}.");
        var config = await grains.RequireEventAsync(query.EventId);
        var name = await NameOfAsync(query.EventId, query.Kind, query.ParticipantId)
            ?? throw new NotFoundException($"{query.Kind} '{query.ParticipantId}' is not registered at event '{query.EventId}'.");
        var schedule = await PublishedScheduleAsync(grains, query.EventId);
        if (schedule is null)
            return new AgendaView(query.EventId, config.Name, config.TimeZone, query.Kind, query.ParticipantId, name, 0, null, []);

        var slots = EventSlots.From(config);
        var records = (await RecordsOfAsync(query.EventId, query.Kind, query.ParticipantId)).ToDictionary(r => r.Id);
        var items = new List<AgendaItem>();
        foreach (var meeting in schedule.MeetingsOf(query.Kind, query.ParticipantId).OrderBy(m => m.Slot))
        {
            var (otherKind, otherId) = query.Kind == ParticipantKind.Startup
                ? (ParticipantKind.Delegate, meeting.DelegateId)
                : (ParticipantKind.Startup, meeting.StartupId);
            var slot = slots[meeting.Slot];
            var start = EventSlots.StartsAt(config, slot);
            var other = await ProfileOfAsync(query.EventId, otherKind, otherId);
            // The other party deleted its data: the meeting is off until the next batch publishes without it.
            if (other.Name is null) continue;
            records.TryGetValue(meeting.Id, out var record);
            var state = MeetingStates.Of(meeting.Origin, record, config, start, clock.GetUtcNow());
            var youConfirmed = record is not null && (query.Kind == ParticipantKind.Startup ? record.StartupConfirmed : record.DelegateConfirmed);
            items.Add(new AgendaItem(meeting.Id, meeting.Slot, start, start.AddMinutes(config.SlotMinutes), meeting.Table,
                otherId, other.Name ?? otherId, other.Company, meeting.Origin, state, youConfirmed));
        }
        // Freed slots taken during the event are agreed meetings outside any version until the next batch keeps them.
        foreach (var refill in await grains.GetGrain<ILiveOpsGrain>(query.EventId).GetOffersAsync())
        {
            if (refill.TakenBy is null || (query.Kind == ParticipantKind.Startup ? refill.TakenBy : refill.DelegateId) != query.ParticipantId) continue;
            if (items.Any(i => i.MeetingId == refill.MeetingId)) continue;
            var otherId = query.Kind == ParticipantKind.Startup ? refill.DelegateId : refill.TakenBy;
            var other = await ProfileOfAsync(query.EventId, query.Kind == ParticipantKind.Startup ? ParticipantKind.Delegate : ParticipantKind.Startup, otherId);
            if (other.Name is null) continue;
            records.TryGetValue(refill.MeetingId!, out var record);
            var start = EventSlots.StartsAt(config, slots[refill.Slot]);
            items.Add(new AgendaItem(refill.MeetingId!, refill.Slot, start, start.AddMinutes(config.SlotMinutes), refill.Table, otherId, other.Name, other.Company,
                MeetingOrigin.Refill, MeetingStates.Of(MeetingOrigin.Refill, record, config, start, clock.GetUtcNow()), true));
        }
        return new AgendaView(query.EventId, config.Name, config.TimeZone, query.Kind, query.ParticipantId, name,
            schedule.Version, schedule.CreatedAt, items.OrderBy(i => i.Slot).ToList());
    }

    public static async Task<PublishedSchedule?> PublishedScheduleAsync(IGrainFactory grains, string eventId)
    {
        var version = await grains.GetGrain<IEventGrain>(eventId).GetPublishedVersionAsync();
        return version == 0 ? null : await grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(eventId, version)).GetAsync();
    }

    /// <summary>The pair records the participant holds (the startup owns them, the delegate keeps copies).</summary>
    private Task<IReadOnlyList<MeetingRequest>> RecordsOfAsync(string eventId, ParticipantKind kind, string id) =>
        kind == ParticipantKind.Startup
            ? grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, id)).GetRequestsAsync()
            : grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, id)).GetRequestsAsync();

    private async Task<string?> NameOfAsync(string eventId, ParticipantKind kind, string id) =>
        (await ProfileOfAsync(eventId, kind, id)).Name;

    private async Task<(string? Name, string? Company)> ProfileOfAsync(string eventId, ParticipantKind kind, string id)
    {
        var key = GrainKeys.Participant(eventId, id);
        if (kind == ParticipantKind.Startup)
            return (await grains.GetGrain<IStartupGrain>(key).GetAsync())?.Profile is { } s ? (s.Name, null) : (null, null);
        return (await grains.GetGrain<IDelegateGrain>(key).GetAsync())?.Profile is { } d ? (d.Name, d.Company) : (null, null);
    }
}

/// <summary>A published meeting's state from its origin, the pair's record and the event's confirmation rules.</summary>
public static class MeetingStates
{
    public static MeetingState Of(MeetingOrigin origin, MeetingRequest? record, EventConfig config, DateTimeOffset start, DateTimeOffset now)
    {
        if (record?.Status is RequestStatus.Declined or RequestStatus.Cancelled) return MeetingState.Cancelled;
        if (origin is MeetingOrigin.Accepted or MeetingOrigin.Refill || record?.Status == RequestStatus.Accepted || config.Confirmation == ConfirmationPolicy.Auto)
            return MeetingState.Confirmed;
        return now < start && start - TimeSpan.FromHours(config.ConfirmationDeadlineHours) <= now ? MeetingState.Released : MeetingState.Proposed;
    }
}
