using System.Globalization;
namespace Matchmaker.Model.Domain;

/// <summary>Who must confirm a meeting the batch proposes before it counts as agreed.</summary>
[GenerateSerializer, Alias("matchmaker.confirmation-policy")]
public enum ConfirmationPolicy
{
    /// <summary>Both the startup and the scout.</summary>
    Both = 0,
    /// <summary>The scout alone (the startup is told, and may still decline).</summary>
    ScoutOnly = 1,
    /// <summary>Proposals count as confirmed when published.</summary>
    Auto = 2,
}

/// <summary>A daily window with no meetings, such as lunch.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.time-window")]
public sealed record TimeWindow([property: Id(0)] TimeOnly Start, [property: Id(1)] TimeOnly End);

/// <summary>How an organiser sets up the event week: when meetings happen, where, and how many each may have.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.event-config")]
public sealed record EventConfig(
    [property: Id(0)] string Name,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] IReadOnlyList<DateOnly> Days,
    [property: Id(3)] TimeOnly DailyStart,
    [property: Id(4)] TimeOnly DailyEnd,
    [property: Id(5)] int SlotMinutes,
    [property: Id(6)] IReadOnlyList<TimeWindow>? Breaks,
    [property: Id(7)] int Tables,
    [property: Id(8)] int MaxMeetingsPerStartup,
    [property: Id(9)] int MaxMeetingsPerDelegate,
    [property: Id(10)] int RequestQuota,
    [property: Id(11)] TimeOnly? NightlyBatchAt = null,
    [property: Id(12)] bool SelfRegistration = false,
    [property: Id(13)] ConfirmationPolicy Confirmation = ConfirmationPolicy.Both,
    [property: Id(14)] int ConfirmationDeadlineHours = 24)
{
    public const int MaxDays = 14;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(Name), Name, 200);
        if (string.IsNullOrWhiteSpace(TimeZone)) errors.Add(nameof(TimeZone), Phrases.TimeZoneRequired);
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            errors.Add(nameof(TimeZone), Phrases.UnknownTimeZone.With(ValidationErrors.Shortened(TimeZone)));
        if (Days is null || Days.Count == 0) errors.Add(nameof(Days), Phrases.NeedsDay);
        else
        {
            if (Days.Count > MaxDays) errors.Add(nameof(Days), Phrases.TooManyDays.With(MaxDays, Days.Count));
            if (Days.Distinct().Count() != Days.Count) errors.Add(nameof(Days), Phrases.DayTwice);
        }
        if (DailyEnd <= DailyStart) errors.Add(nameof(DailyEnd), Phrases.EndBeforeStart);
        errors.Range(nameof(SlotMinutes), SlotMinutes, 5, 240);
        errors.Range(nameof(Tables), Tables, 1, 10_000);
        errors.Range(nameof(MaxMeetingsPerStartup), MaxMeetingsPerStartup, 1, 500);
        errors.Range(nameof(MaxMeetingsPerDelegate), MaxMeetingsPerDelegate, 1, 500);
        errors.Range(nameof(RequestQuota), RequestQuota, 0, 500);
        if (!Enum.IsDefined(Confirmation)) errors.Add(nameof(Confirmation), Phrases.UnknownConfirmation);
        errors.Range(nameof(ConfirmationDeadlineHours), ConfirmationDeadlineHours, 0, 24 * 14);
        if (!errors.MaxCount(nameof(Breaks), Breaks, 20)) return errors;
        foreach (var window in Breaks ?? [])
            if (window is null) errors.Add(nameof(Breaks), Phrases.NullBreak);
            else if (window.End <= window.Start || window.Start < DailyStart || window.End > DailyEnd)
                errors.Add(nameof(Breaks), Phrases.BreakOutside.With(window.Start.ToString("HH:mm", CultureInfo.InvariantCulture), window.End.ToString("HH:mm", CultureInfo.InvariantCulture)));
        if (errors.IsValid && EventSlots.From(this).Count == 0)
            errors.Add(nameof(SlotMinutes), Phrases.NoSlotInDay);
        return errors;
    }
}
