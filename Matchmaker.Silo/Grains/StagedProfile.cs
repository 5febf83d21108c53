using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Silo.Grains;

/// <summary>A profile from an import that the event has not committed yet; invisible until it has.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.staged-profile")]
public sealed record StagedProfile<TProfile>(
    [property: Id(0)] string ImportId,
    [property: Id(1)] TProfile Profile,
    [property: Id(2)] Availability Availability);

/// <summary>The part of a startup's and a delegate's state that is their profile, written by them or by an import.</summary>
public interface IProfileState<TProfile> where TProfile : class
{
    TProfile? Profile { get; set; }
    Availability Availability { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    StagedProfile<TProfile>? Staged { get; set; }
}

/// <summary>How a participant grain changes its profile; the grain writes the state after each change.</summary>
internal static class ProfileChanges
{
    /// <summary>What the participant writes now wins over an import still waiting to be committed.</summary>
    public static void Save<TProfile>(IProfileState<TProfile> state, TProfile profile, Availability availability, DateTimeOffset now) where TProfile : class
    {
        state.Staged = null;
        state.Profile = profile;
        state.Availability = availability;
        state.UpdatedAt = now;
    }

    /// <summary>Keeps an imported profile aside; false when the import brings what the participant already has.</summary>
    public static bool Stage<TProfile>(IProfileState<TProfile> state, string importId, TProfile profile, Availability availability) where TProfile : class
    {
        if (SameContent.Of(state.Profile, profile) && SameContent.Of(state.Availability, availability)) return false;
        state.Staged = new StagedProfile<TProfile>(importId, profile, availability);
        return true;
    }

    /// <summary>
    /// Makes a staged profile the participant's own once the event has committed its import; asked on every read
    /// while something is staged, so the participant becomes visible in the same step as the index line.
    /// </summary>
    public static async Task<bool> PromoteIfCommittedAsync<TProfile>(IProfileState<TProfile> state, IGrainFactory grains, string participantKey, DateTimeOffset now)
        where TProfile : class
    {
        if (state.Staged is not { } staged
            || !await grains.GetGrain<IEventGrain>(GrainKeys.SplitParticipant(participantKey).EventId).IsImportCommittedAsync(staged.ImportId))
            return false;
        Save(state, staged.Profile, staged.Availability, now);
        return true;
    }
}
