using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Model.Grains;

/// <summary>One schedule version of an event, kept as a blob. Key: <c>eventId/version</c>.</summary>
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Stores the version; rewriting an unpublished version (a rerun after a crash) replaces it.</summary>
    Task SaveAsync(PublishedSchedule schedule);

    /// <summary>The stored version, or null when none was written.</summary>
    Task<PublishedSchedule?> GetAsync();

    /// <summary>Deletes the version (the event is being deleted).</summary>
    Task DeleteAsync();

    public static string KeyOf(string eventId, int version) => $"{eventId}/{version}";
}
