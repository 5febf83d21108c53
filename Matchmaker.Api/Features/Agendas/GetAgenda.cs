using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Mediator;

namespace Matchmaker.Api.Features.Agendas;

/// <summary>A participant's meetings in the published schedule, in time order.</summary>
public sealed record GetAgenda(string EventId, ParticipantKind Kind, string ParticipantId) : IQuery<AgendaView>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

public sealed record AgendaItem(
    string MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, int Table,
    string WithId, string WithName, string? WithCompany, MeetingOrigin Origin);

public sealed record AgendaView(
    string EventId, string EventName, string TimeZone, ParticipantKind Kind, string ParticipantId, string ParticipantName,
    int Version, DateTimeOffset? PublishedAt, IReadOnlyList<AgendaItem> Meetings);

public sealed class GetAgendaHandler(IGrainFactory grains) : IQueryHandler<GetAgenda, AgendaView>
{
    public async ValueTask<AgendaView> Handle(GetAgenda query, CancellationToken cancellationToken)
    {
        var config = await grains.RequireEventAsync(query.EventId);
        var name = await NameOfAsync(query.EventId, query.Kind, query.ParticipantId)
            ?? throw new NotFoundException($"{query.Kind} '{query.ParticipantId}' is not registered at event '{query.EventId}'.");
        var schedule = await PublishedScheduleAsync(grains, query.EventId);
        if (schedule is null)
            return new AgendaView(query.EventId, config.Name, config.TimeZone, query.Kind, query.ParticipantId, name, 0, null, []);

        var slots = EventSlots.From(config);
        var items = new List<AgendaItem>();
        foreach (var meeting in schedule.MeetingsOf(query.Kind, query.ParticipantId).OrderBy(m => m.Slot))
        {
            var (otherKind, otherId) = query.Kind == ParticipantKind.Startup
                ? (ParticipantKind.Delegate, meeting.DelegateId)
                : (ParticipantKind.Startup, meeting.StartupId);
            var slot = slots[meeting.Slot];
            var start = EventSlots.StartsAt(config, slot);
            var other = await ProfileOfAsync(query.EventId, otherKind, otherId);
            items.Add(new AgendaItem(meeting.Id, meeting.Slot, start, start.AddMinutes(config.SlotMinutes), meeting.Table,
                otherId, other.Name ?? otherId, other.Company, meeting.Origin));
        }
        return new AgendaView(query.EventId, config.Name, config.TimeZone, query.Kind, query.ParticipantId, name,
            schedule.Version, schedule.CreatedAt, items);
    }

    public static async Task<PublishedSchedule?> PublishedScheduleAsync(IGrainFactory grains, string eventId)
    {
        var version = await grains.GetGrain<IEventGrain>(eventId).GetPublishedVersionAsync();
        return version == 0 ? null : await grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(eventId, version)).GetAsync();
    }

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
