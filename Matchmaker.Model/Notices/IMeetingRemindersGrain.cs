namespace Matchmaker.Model.Notices;

/// <summary>Reminds both parties shortly before each confirmed meeting of an event. Key: event id.</summary>
public interface IMeetingRemindersGrain : IGrainWithStringKey
{
    /// <summary>Starts looking for meetings about to start (idempotent); it stops by itself after the last day.</summary>
    Task StartAsync();

    /// <summary>Sends the reminders due now; the grain's own reminder calls this every few minutes.</summary>
    Task RemindAsync();
}
