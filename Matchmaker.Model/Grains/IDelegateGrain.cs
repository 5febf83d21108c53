using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>One corporate delegate at one event. Key: <c>eventId/delegateId</c>.</summary>
public interface IDelegateGrain : IGrainWithStringKey
{
    /// <summary>Stores profile and availability (already validated against the event); returns what was stored.</summary>
    Task<DelegateDocument> SaveAsync(DelegateProfile profile, Availability availability);

    /// <summary>The stored profile and availability, or null when the delegate is not registered.</summary>
    Task<DelegateDocument?> GetAsync();

    /// <summary>Keeps the delegate's copy of a request; an older revision than the one held is ignored.</summary>
    Task MirrorRequestAsync(MeetingRequest request);

    /// <summary>Every request the delegate sent or received, newest first.</summary>
    Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync();

    /// <summary>Stores feedback on one of the delegate's meetings, from either party; a later word from the same party replaces it.</summary>
    Task RecordFeedbackAsync(MeetingFeedback feedback);

    /// <summary>All feedback on the delegate's meetings.</summary>
    Task<IReadOnlyList<MeetingFeedback>> GetFeedbackAsync();
}
