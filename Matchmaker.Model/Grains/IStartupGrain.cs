using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>One startup at one event. Key: <see cref="GrainKeys.Participant"/>.</summary>
public interface IStartupGrain : IGrainWithStringKey
{
    /// <summary>Stores profile and availability (already validated against the event and authorised); returns what was stored.</summary>
    Task<StartupDocument> SaveAsync(StartupProfile profile, Availability availability);

    /// <summary>Keeps an imported profile aside until the event commits the import; an import never committed is never seen.</summary>
    Task StageAsync(string importId, StartupProfile profile, Availability availability);

    /// <summary>The stored profile and availability, or null when the startup is not registered.</summary>
    Task<StartupDocument?> GetAsync();

    /// <summary>
    /// Sends a request for a meeting with a delegate (from either side; the startup keeps the pair's record,
    /// so quota and duplicate checks are atomic). Stored here, then on the delegate; a copy lost to a crash is
    /// repaired by a reminder.
    /// </summary>
    Task<RequestOutcome> RequestMeetingAsync(Actor actor, NewRequest request);

    /// <summary>Accepts, declines or cancels the pair's request, as <paramref name="actor"/> may; answering twice the same way changes nothing.</summary>
    Task<RequestOutcome> RespondAsync(Actor actor, string delegateId, RequestAction action, string? reason);

    /// <summary>
    /// Confirms or declines, as <paramref name="actor"/>, a meeting the batch proposed (the caller has checked it is
    /// on the published schedule); a pair that has a request of its own is answered as that request.
    /// </summary>
    Task<RequestOutcome> RespondToProposalAsync(Actor actor, string delegateId, RequestAction action, string? reason, ConfirmationPolicy policy);

    /// <summary>Every request the startup sent or received, newest first.</summary>
    Task<IReadOnlyList<MeetingRequest>> GetRequestsAsync();

    /// <summary>Deletes the startup's profile; its open requests are cancelled first, on both sides.</summary>
    Task DeleteAsync(Actor actor);
}
