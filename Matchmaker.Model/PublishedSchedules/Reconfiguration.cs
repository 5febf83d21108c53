using Matchmaker.Model.Domain;

namespace Matchmaker.Model.PublishedSchedules;

/// <summary>
/// Whether a new configuration keeps every published meeting where people were told it is. Meetings are stored by
/// slot number, so new days, hours, slot lengths or breaks can shift what a number means; such a change is refused
/// (with the meetings it would move) rather than silently moving agendas. Fewer tables than a meeting uses too.
/// </summary>
public static class Reconfiguration
{
    public static IReadOnlyList<string> MovedMeetings(EventConfig current, EventConfig next, IReadOnlyList<PublishedMeeting> published)
    {
        var before = EventSlots.From(current);
        var after = EventSlots.From(next);
        var problems = new List<string>();
        foreach (var meeting in published)
        {
            var was = StartOf(current, before, meeting.Slot);
            var becomes = meeting.Slot < after.Count ? StartOf(next, after, meeting.Slot) : (DateTimeOffset?)null;
            if (was != becomes)
                problems.Add($"{meeting.Id} in slot {meeting.Slot} at {was:yyyy-MM-dd HH:mm} would " +
                             (becomes is { } moved ? $"move to {moved:yyyy-MM-dd HH:mm}" : "lose its slot"));
            else if (meeting.Table > next.Tables)
                problems.Add($"{meeting.Id} at table {meeting.Table} would lose its table (the event would have {next.Tables})");
        }
        return problems;
    }

    private static DateTimeOffset? StartOf(EventConfig config, IReadOnlyList<EventSlot> slots, int slot) =>
        slot < slots.Count ? EventSlots.StartsAt(config, slots[slot]) : null;
}
