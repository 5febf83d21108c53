using System.Text.RegularExpressions;

namespace Matchmaker.Model.Grains;

/// <summary>
/// How grains are keyed: an event id, or an event id and a participant id joined by '.'. Not '/': Orleans'
/// table storage writes '/' as '_', which ids may contain, so event "a" with startup "b_c" and event "a_b" with
/// startup "c" would share a row. Ids never contain '.', and table keys keep it.
/// </summary>
public static partial class GrainKeys
{
    public const int MaxIdLength = 64;
    private const char Separator = '.';

    /// <summary>Ids are short, URL-safe and case-insensitive in spirit, so they are kept lower-case.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string Participant(string eventId, string participantId) => $"{eventId}{Separator}{participantId}";

    public static (string EventId, string ParticipantId) SplitParticipant(string key)
    {
        var separator = key.IndexOf(Separator);
        if (separator <= 0) throw new ArgumentException($"'{key}' is not an eventId{Separator}participantId key.", nameof(key));
        return (key[..separator], key[(separator + 1)..]);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
