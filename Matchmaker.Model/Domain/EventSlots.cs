namespace Matchmaker.Model.Domain;

/// <summary>One meeting slot of the event week. Index numbers slots across the week from 0.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.event-slot")]
public sealed record EventSlot(
    [property: Id(0)] int Index,
    [property: Id(1)] int DayIndex,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] TimeOnly Start,
    [property: Id(4)] TimeOnly End,
    [property: Id(5)] int Session);

/// <summary>The slots an event's configuration yields: each day from start to end, skipping breaks.</summary>
public static class EventSlots
{
    public static IReadOnlyList<EventSlot> From(EventConfig config)
    {
        var slots = new List<EventSlot>();
        var breaks = (config.Breaks ?? []).OrderBy(b => b.Start).ToList();
        var length = TimeSpan.FromMinutes(config.SlotMinutes);
        if (length <= TimeSpan.Zero) return slots;
        for (var day = 0; day < config.Days.Count; day++)
        {
            var start = config.DailyStart;
            var session = 0;
            while (true)
            {
                var overlapping = breaks.FirstOrDefault(b => b.Start < start.Add(length) && b.End > start && start.Add(length) > start);
                if (overlapping is not null)
                {
                    // A break closes a session; the next slot starts when the break ends.
                    start = overlapping.End;
                    session++;
                    continue;
                }
                var end = start.Add(length);
                if (end <= start || end > config.DailyEnd) break;
                slots.Add(new EventSlot(slots.Count, day, config.Days[day], start, end, session));
                start = end;
            }
        }
        return slots;
    }

    /// <summary>The instant a slot starts, in the event's time zone.</summary>
    public static DateTimeOffset StartsAt(EventConfig config, EventSlot slot)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        var local = slot.Date.ToDateTime(slot.Start);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// Whether the event is under way at an instant: its first slot has begun and its last has not ended. Only then
    /// does a slot that has begun close to new meetings; after the week a rerun just keeps the record.
    /// </summary>
    public static bool IsUnderway(EventConfig config, IReadOnlyList<EventSlot> slots, DateTimeOffset now) =>
        slots.Count > 0 && StartsAt(config, slots[0]) <= now && now < StartsAt(config, slots[^1]).AddMinutes(config.SlotMinutes);
}
