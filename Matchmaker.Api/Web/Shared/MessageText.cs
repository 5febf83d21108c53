using Matchmaker.Model.Domain;
using Microsoft.Extensions.Localization;

namespace Matchmaker.Api.Web.Shared;

/// <summary>
/// A refusal the service said (<see cref="Message"/>) in the reader's language: its phrase's translation under
/// <c>says.</c> and its code, with the same values put in and marked as data. A message without a translation (what
/// only a program can send) is left in English and marked so.
/// </summary>
public static class MessageText
{
    /// <summary>The phrase in the reader's language as parts, or null when it has no translation.</summary>
    public static IReadOnlyList<ReasonText.Part>? Localize(Message message, IStringLocalizer<Text> l)
    {
        if (message.Code.Length == 0 || l["says." + message.Code] is not { ResourceNotFound: false } template) return null;
        return ReasonText.Fill(template.Value, index =>
        {
            var value = message.Values[index];
            // A side of a meeting is a word of the page's language; any other value is shown as it was sent.
            return [l["side." + value] is { ResourceNotFound: false } word ? new(word.Value, false) : new ReasonText.Part(value, true)];
        });
    }

    /// <summary>The label of the form field a problem is about, in the reader's language, or null when the form has none.</summary>
    public static string? FieldLabel(string field, IStringLocalizer<Text> l)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        return LabelKeys.TryGetValue(name, out var key) ? l[key].Value : null;
    }

    /// <summary>The fields of the profile, event and rating forms (as the commands name them) and their labels.</summary>
    private static readonly Dictionary<string, string> LabelKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Name"] = "profile.name", ["Sectors"] = "profile.sectors", ["Stage"] = "profile.stage", ["Country"] = "profile.country",
        ["City"] = "profile.city", ["Seeks"] = "profile.seeks", ["Pitch"] = "profile.pitch", ["TeamSize"] = "profile.teamsize",
        ["Website"] = "profile.website", ["ContactEmail"] = "profile.email", ["FoundedYear"] = "profile.founded",
        ["Role"] = "profile.role", ["Company"] = "profile.company", ["CompanySector"] = "profile.companysector",
        ["Interests"] = "profile.interests", ["Offers"] = "profile.offers", ["Stages"] = "profile.stages",
        ["Countries"] = "profile.countries", ["MeetingsPerDayCap"] = "profile.cap", ["availability"] = "profile.availability",
        ["TimeZone"] = "event.timezone", ["Days"] = "event.days", ["DailyStart"] = "event.start", ["DailyEnd"] = "event.end",
        ["SlotMinutes"] = "event.slotminutes", ["Tables"] = "event.tables", ["MaxMeetingsPerStartup"] = "event.maxstartup",
        ["MaxMeetingsPerDelegate"] = "event.maxdelegate", ["RequestQuota"] = "event.quota", ["Confirmation"] = "event.confirmation",
        ["ConfirmationDeadlineHours"] = "event.deadline", ["Breaks"] = "event.breaks",
        ["rating"] = "agenda.rating", ["comment"] = "agenda.comment", ["noShow"] = "agenda.noshow",
    };
}
