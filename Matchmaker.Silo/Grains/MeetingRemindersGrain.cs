using Matchmaker.Api.Features.Agendas;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.meeting-reminders-state")]
public sealed class MeetingRemindersState
{
    /// <summary>Meetings starting up to this moment have been reminded of.</summary>
    [Id(0)] public DateTimeOffset RemindedThrough { get; set; }
}

/// <summary>
/// Every few minutes during the event, reminds both parties of each confirmed meeting starting within the lead
/// time. One Orleans reminder per event, not one per meeting; it unregisters itself after the last slot.
/// </summary>
public sealed class MeetingRemindersGrain(
    [PersistentState("meeting-reminders", StorageNames.Tables)] IPersistentState<MeetingRemindersState> state,
    TimeProvider clock,
    ILogger<MeetingRemindersGrain> logger)
    : Grain, IMeetingRemindersGrain, IRemindable
{
    private const string TickReminder = "meeting-reminders";
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(5);

    private string EventId => this.GetPrimaryKeyString();

    public async Task StartAsync()
    {
        if (await this.GetReminder(TickReminder) is null)
            await this.RegisterOrUpdateReminder(TickReminder, TimeSpan.FromMinutes(1), Tick);
        await RemindAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == TickReminder ? RemindAsync() : Task.CompletedTask;

    public async Task RemindAsync()
    {
        var now = clock.GetUtcNow();
        var config = await GrainFactory.GetGrain<IEventGrain>(EventId).GetConfigAsync();
        var schedule = await GetAgendaHandler.PublishedScheduleAsync(GrainFactory, EventId);
        if (config is null || schedule is null) return;
        var slots = EventSlots.From(config);
        if (slots.Count == 0 || EventSlots.StartsAt(config, slots[^1]) <= now)
        {
            if (await this.GetReminder(TickReminder) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }

        var offers = await GrainFactory.GetGrain<ILiveOpsGrain>(EventId).GetOffersAsync();
        var refills = offers.Where(o => o.TakenBy is not null)
            .Select(o => new PublishedMeeting(o.MeetingId!, o.TakenBy!, o.DelegateId, o.Slot, o.Table, MeetingOrigin.Refill, 0));
        var starting = schedule.Meetings.Concat(refills)
            .Where(m => m.Slot < slots.Count)
            .Select(m => (Meeting: m, Start: EventSlots.StartsAt(config, slots[m.Slot])))
            .Where(m => m.Start > now && m.Start <= now + NoticeRules.ReminderLead)
            .ToList();
        var confirmed = new List<(PublishedMeeting, DateTimeOffset)>();
        foreach (var (meeting, start) in starting)
        {
            var records = await GrainFactory.GetGrain<IStartupGrain>(GrainKeys.Participant(EventId, meeting.StartupId)).GetRequestsAsync();
            var record = records.FirstOrDefault(r => r.Id == meeting.Id);
            if (MeetingStates.Of(meeting.Origin, record, config, start, now) == MeetingState.Confirmed) confirmed.Add((meeting, start));
        }
        var notices = NoticeRules.Reminders(confirmed, state.State.RemindedThrough, now);
        if (notices.Count > 0)
        {
            await GrainFactory.DeliverAsync(EventId, notices);
            logger.LogInformation("Reminded {Count} participants of meetings of event {Event} starting by {Until}.", notices.Count, EventId, now + NoticeRules.ReminderLead);
        }
        state.State.RemindedThrough = now + NoticeRules.ReminderLead;
        await state.WriteStateAsync();
    }
}
