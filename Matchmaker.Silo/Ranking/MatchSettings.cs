using Matchmaker.Model.Ranking;

namespace Matchmaker.Silo.Ranking;

/// <summary>
/// The <c>Matches:</c> settings that say how an event's matches are held by its size (see <see cref="MatchScale"/>):
/// <c>Matches:DenseMaxPairs</c> (default 5,000,000), <c>Matches:CandidatesPerParticipant</c> (default 200),
/// <c>Matches:PartitionDelegates</c> (default 2,500).
/// </summary>
public static class MatchSettings
{
    public static MatchScale Scale(IConfiguration configuration) => new(
        configuration.GetValue("Matches:DenseMaxPairs", MatchScale.DefaultDenseMaxPairs),
        configuration.GetValue("Matches:CandidatesPerParticipant", MatchScale.DefaultCandidatesPerParticipant),
        configuration.GetValue("Matches:PartitionDelegates", MatchScale.DefaultPartitionDelegates));
}
