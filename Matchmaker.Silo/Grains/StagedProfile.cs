using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

/// <summary>A profile from an import that the event has not committed yet; invisible until it has.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.staged-profile")]
public sealed record StagedProfile<TProfile>(
    [property: Id(0)] string ImportId,
    [property: Id(1)] TProfile Profile,
    [property: Id(2)] Availability Availability);

internal static class StagedProfiles
{
    /// <summary>
    /// Whether a staged import is now committed (keep it), still open (wait) or lost to a newer stage. Asked on
    /// every read while something is staged, so a participant becomes visible in the same step as the index.
    /// </summary>
    public static async Task<bool> IsCommittedAsync<TProfile>(IGrainFactory grains, string participantKey, StagedProfile<TProfile>? staged) =>
        staged is not null
        && await grains.GetGrain<IEventGrain>(GrainKeys.SplitParticipant(participantKey).EventId).IsImportCommittedAsync(staged.ImportId);
}
