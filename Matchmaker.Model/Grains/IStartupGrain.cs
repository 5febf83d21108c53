using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>One startup at one event. Key: <c>eventId/startupId</c>.</summary>
public interface IStartupGrain : IGrainWithStringKey
{
    /// <summary>Stores profile and availability (already validated against the event); returns what was stored.</summary>
    Task<StartupDocument> SaveAsync(StartupProfile profile, Availability availability);

    /// <summary>The stored profile and availability, or null when the startup is not registered.</summary>
    Task<StartupDocument?> GetAsync();
}
