using System.Text.RegularExpressions;

namespace Matchmaker.Model.Grains;

/// <summary>How grains are keyed: an event id, or an event id and a participant id joined by '/'.</summary>
public static partial class GrainKeys
{
    public const int MaxIdLength = 64;

    /// <summary>Ids are short, URL-safe and case-insensitive in spirit, so they are kept lower-case.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string Participant(string eventId, string participantId) => $"{eventId}/{participantId}";

    public static (string EventId, string ParticipantId) SplitParticipant(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0) throw new ArgumentException($"'{key}' is not an eventId/participantId key.", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
