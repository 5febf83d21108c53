using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Microsoft.Extensions.Localization;

namespace Matchmaker.Api.Web.Shared;

/// <summary>The service's codes (sectors, stages, states) as words in the reader's language.</summary>
public static class Words
{
    public static string Sector(this IStringLocalizer<Text> l, string code) => l["sector." + code];
    public static string Stage(this IStringLocalizer<Text> l, string? code) => code is null ? "" : l["stage." + code];
    public static string Engagement(this IStringLocalizer<Text> l, string code) => l["seeks." + code];
    public static string Sectors(this IStringLocalizer<Text> l, IEnumerable<string> codes) => string.Join(", ", codes.Select(l.Sector));
    public static string Status(this IStringLocalizer<Text> l, RequestStatus status) => l["status." + status.ToString().ToLowerInvariant()];

    public static IEnumerable<string> AllSectors => Vocabulary.Sectors;
    public static IEnumerable<string> AllStages => Vocabulary.Stages;
    public static IEnumerable<string> AllEngagements => Vocabulary.Engagements;
}
