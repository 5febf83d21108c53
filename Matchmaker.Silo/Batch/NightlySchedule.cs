namespace Matchmaker.Silo.Batch;

/// <summary>When the nightly batch runs next: the configured local time in the event's time zone.</summary>
public static class NightlySchedule
{
    public static DateTimeOffset NextRun(string timeZone, TimeOnly localTime, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = 0; day < 3; day++)
        {
            var local = DateOnly.FromDateTime(localNow.DateTime).AddDays(day).ToDateTime(localTime);
            if (zone.IsInvalidTime(local)) local = local.AddHours(1); // skipped by a spring-forward: run just after
            var candidate = new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (candidate > now) return candidate;
        }
        throw new InvalidOperationException("No next run within three days.");
    }
}
