using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Api.Features;

/// <summary>Checks the ids a route carries, so a bad id is named rather than stored.</summary>
internal static class Ids
{
    /// <summary>The errors of a message whose only input is the event id in its route.</summary>
    public static ValidationErrors ForEvent(string eventId)
    {
        var errors = new ValidationErrors();
        Check(errors, "eventId", eventId);
        return errors;
    }

    public static void Check(ValidationErrors errors, string field, string? id)
    {
        if (!GrainKeys.IsValidId(id))
            errors.Add(field, Phrases.Plain($"'{ValidationErrors.Shortened(id ?? "")}' is not a valid id: use 1 to {GrainKeys.MaxIdLength} lower-case letters, digits, '-' or '_', starting with a letter or digit."));
    }
}
