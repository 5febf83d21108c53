using System.Text.Json;

namespace Matchmaker.Model.Domain;

/// <summary>
/// Whether two records hold the same values, lists included (records compare lists by reference). Used to
/// leave a participant untouched when an import brings what it already has.
/// </summary>
public static class SameContent
{
    public static bool Of<T>(T? a, T? b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
