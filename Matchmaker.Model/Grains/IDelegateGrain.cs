using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>One corporate delegate at one event. Key: <see cref="GrainKeys.Participant"/>.</summary>
public interface IDelegateGrain : IGrainWithStringKey
{
    /// <summary>Stores profile and availability (already validated against the event and authorised); returns what was stored.</summary>
    Task<DelegateDocument> SaveAsync(DelegateProfile profile, Availability availability);

    /// <summary>Keeps an imported profile aside until the event commits the import; an import never committed is never seen.</summary>
    Task StageAsync(string importId, DelegateProfile profile, Availability availability);

    /// <summary>The stored profile and availability, or null when the delegate is not registered.</summary>
    Task<DelegateDocument?> GetAsync();

    /// <summary>Keeps the delegate's copy of a request; an older revision than the one held is ignored.</summary>
    Task MirrorRequestAsync(MeetingRequest request);

    /// <summary>Every request the delegate sent or received, newest first.</summary>
    Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync();

    /// <summary>Stores feedback on one of the delegate's meetings (already authorised); a later word from the same party replaces it.</summary>
    Task RecordFeedbackAsync(MeetingFeedback feedback);

    /// <summary>All feedback on the delegate's meetings.</summary>
    Task<IReadOnlyList<MeetingFeedback>> GetFeedbackAsync();

    /// <summary>Removes what a deleted startup said and is named by, keeping the ratings' numbers without the startup.</summary>
    Task AnonymiseFeedbackAsync(string startupId);

    /// <summary>Deletes the delegate's profile and feedback; its open requests are cancelled first, on both sides.</summary>
    Task DeleteAsync(Actor actor);
}
