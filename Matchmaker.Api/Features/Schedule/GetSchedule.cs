using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Mediator;

namespace Matchmaker.Api.Features.Schedule;

/// <summary>The organiser's view of the published schedule: every meeting by slot and table, with names.</summary>
public sealed record GetSchedule(Actor Actor, string EventId) : IQuery<ScheduleView>, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed record ScheduleRow(
    string MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, int Table,
    string StartupId, string StartupName, string DelegateId, string DelegateName, string Company, MeetingOrigin Origin, double Score);

public sealed record ScheduleView(
    string EventId, string EventName, string TimeZone, int Version, DateTimeOffset? PublishedAt, int Tables,
    ScheduleQuality? Quality, IReadOnlyList<ParticipantDiff> Changes, IReadOnlyList<ScheduleRow> Meetings);

public sealed class GetScheduleHandler(IGrainFactory grains) : IQueryHandler<GetSchedule, ScheduleView>
{
    public async ValueTask<ScheduleView> Handle(GetSchedule query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(query.Actor, query.EventId), $"Only the organiser of '{query.EventId}' reads the whole schedule; participants read their agendas.");
        var config = await grains.RequireEventAsync(query.EventId);
        var schedule = await GetAgendaHandler.PublishedScheduleAsync(grains, query.EventId);
        if (schedule is null)
            return new ScheduleView(query.EventId, config.Name, config.TimeZone, 0, null, config.Tables, null, [], []);

        var names = await NamesAsync(query.EventId);
        var slots = EventSlots.From(config);
        var rows = schedule.Meetings.OrderBy(m => m.Slot).ThenBy(m => m.Table).Select(m =>
        {
            var start = EventSlots.StartsAt(config, slots[m.Slot]);
            var person = names.Delegates.GetValueOrDefault(m.DelegateId);
            return new ScheduleRow(m.Id, m.Slot, start, start.AddMinutes(config.SlotMinutes), m.Table,
                m.StartupId, names.Startups.GetValueOrDefault(m.StartupId, m.StartupId),
                m.DelegateId, person.Name ?? m.DelegateId, person.Company ?? "", m.Origin, m.Score);
        }).ToList();
        return new ScheduleView(query.EventId, config.Name, config.TimeZone, schedule.Version, schedule.CreatedAt, config.Tables,
            schedule.Quality, schedule.Changes, rows);
    }

    private async Task<(Dictionary<string, string> Startups, Dictionary<string, (string? Name, string? Company)> Delegates)> NamesAsync(string eventId)
    {
        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        var startups = (await eventGrain.ListParticipantsAsync(ParticipantKind.Startup, 0, int.MaxValue)).Items.ToDictionary(e => e.Id, e => e.Name);
        var delegateIds = await eventGrain.GetParticipantIdsAsync(ParticipantKind.Delegate);
        var profiles = await Task.WhenAll(delegateIds.Select(id => grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, id)).GetAsync()));
        var delegates = profiles.OfType<DelegateDocument>().ToDictionary(d => d.Id, d => ((string?)d.Profile.Name, (string?)d.Profile.Company));
        return (startups, delegates);
    }
}
