using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>One startup at one event. Key: <c>eventId/startupId</c>.</summary>
public interface IStartupGrain : IGrainWithStringKey
{
    /// <summary>Stores profile and availability (already validated against the event); returns what was stored.</summary>
    Task<StartupDocument> SaveAsync(StartupProfile profile, Availability availability);

    /// <summary>The stored profile and availability, or null when the startup is not registered.</summary>
    Task<StartupDocument?> GetAsync();

    /// <summary>
    /// Sends a request for a meeting with a delegate (from either side; the startup keeps the pair's record,
    /// so quota and duplicate checks are atomic). Stored here and on the delegate before it returns.
    /// </summary>
    Task<RequestOutcome> RequestMeetingAsync(NewRequest request);

    /// <summary>Accepts, declines or cancels the pair's request; answering twice the same way changes nothing.</summary>
    Task<RequestOutcome> RespondAsync(string delegateId, RequestAction action, string? reason);

    /// <summary>Every request the startup sent or received, newest first.</summary>
    Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync();
}
