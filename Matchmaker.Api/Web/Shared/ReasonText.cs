using System.Text.RegularExpressions;
using Matchmaker.Model.Domain;
using Microsoft.Extensions.Localization;

namespace Matchmaker.Api.Web.Shared;

/// <summary>
/// The ranking's reasons come from the model as English sentences of a few known shapes. In another language the
/// page rebuilds each from a translated template: sector and stage words are translated, other values (a city, an
/// amount) are kept as they are and marked as data. A sentence of an unknown shape is shown as written.
/// </summary>
public static partial class ReasonText
{
    /// <summary>A piece of a reason: words of the page's language, or a value shown as it is.</summary>
    public sealed record Part(string Text, bool IsValue);

    private static readonly (Regex Pattern, string Key, ValueKind[] Values)[] Shapes =
    [
        (Exact("requested you"), "reason.requested", []),
        (Exact("invited you"), "reason.invited", []),
        (Exact("meeting accepted"), "reason.accepted", []),
        (Exact("declined"), "reason.declined", []),
        (Shape(@"rated (.+)/5 after meeting"), "reason.rated", [ValueKind.Plain]),
        (Shape(@"shares your sectors: (.+)"), "reason.shares", [ValueKind.Sectors]),
        (Shape(@"looks for your sectors: (.+)"), "reason.looksfor", [ValueKind.Sectors]),
        (Shape(@"(.+) startups often go with your interests"), "reason.affinity.delegate", [ValueKind.Sectors]),
        (Shape(@"companies like this one often engage (.+) startups"), "reason.affinity.startup", [ValueKind.Sectors]),
        (Shape(@"(.+): a sector you often pick"), "reason.taste.sector", [ValueKind.Sectors]),
        (Shape(@"raised (.+), in the range you usually pick"), "reason.taste.funding", [ValueKind.Plain]),
        (Shape(@"founded (.+), the age of company you usually pick"), "reason.taste.age", [ValueKind.Plain]),
        (Shape(@"a (.+) company, the kind you have approached"), "reason.taste.company", [ValueKind.Sectors]),
        (Shape(@"(.+)-based, like you"), "reason.samecity", [ValueKind.Plain]),
        (Shape(@"based in (.+), like you"), "reason.samecity", [ValueKind.Plain]),
        (Shape(@"(.+)-based; you scout (.+)"), "reason.scouted", [ValueKind.Plain, ValueKind.Plain]),
        (Shape(@"scouts (.+)"), "reason.scouts", [ValueKind.Plain]),
        (Shape(@"(.+)-based, close to you"), "reason.near", [ValueKind.Plain]),
        (Shape(@"based near you \((.+)\)"), "reason.nearyou", [ValueKind.Plain]),
        (Shape(@"at (.+), a stage you look for"), "reason.stage", [ValueKind.Stage]),
        (Shape(@"looks for (.+) startups"), "reason.stages", [ValueKind.Stage]),
        (Shape(@"seeks (.+), which you offer or seek"), "reason.seeks", [ValueKind.Engagements]),
        (Shape(@"offers or seeks (.+), which you seek"), "reason.offers", [ValueKind.Engagements]),
    ];

    private enum ValueKind { Plain, Sectors, Stage, Engagements }

    /// <summary>The reason in the reader's language as parts, or null when its shape is unknown.</summary>
    public static IReadOnlyList<Part>? Localize(string reason, IStringLocalizer<Text> l)
    {
        foreach (var (pattern, key, kinds) in Shapes)
        {
            var match = pattern.Match(reason);
            if (!match.Success) continue;
            return Fill(l[key].Value, index => Value(match.Groups[index + 1].Value, kinds[index], l));
        }
        return null;
    }

    /// <summary>
    /// A translated template as parts: its words, and in each {n} place the parts <paramref name="value"/> gives for n.
    /// Braces doubled as text ({{ }}) are shown single.
    /// </summary>
    public static IReadOnlyList<Part> Fill(string template, Func<int, IEnumerable<Part>> value)
    {
        var parts = new List<Part>();
        var at = 0;
        foreach (Match slot in Placeholder().Matches(template))
        {
            if (slot.Index > at) parts.Add(new Part(Unescaped(template[at..slot.Index]), false));
            parts.AddRange(value(int.Parse(slot.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            at = slot.Index + slot.Length;
        }
        if (at < template.Length) parts.Add(new Part(Unescaped(template[at..]), false));
        return parts;
    }

    private static string Unescaped(string text) => text.Replace("{{", "{").Replace("}}", "}");

    private static IEnumerable<Part> Value(string value, ValueKind kind, IStringLocalizer<Text> l)
    {
        switch (kind)
        {
            case ValueKind.Sectors:
                var words = value.Split(", ").Select(w => w.Replace(' ', '_')).ToList();
                if (words.All(Vocabulary.Sectors.Contains)) return [new Part(l.Sectors(words), false)];
                break;
            case ValueKind.Stage when Vocabulary.Stages.Contains(value):
                return [new Part(l.Stage(value), false)];
            case ValueKind.Engagements:
                var engagements = value.Split(", ");
                if (engagements.All(Vocabulary.Engagements.Contains)) return [new Part(string.Join(", ", engagements.Select(l.Engagement)), false)];
                break;
        }
        return [new Part(value, true)];
    }

    private static Regex Exact(string text) => new("^" + Regex.Escape(text) + "$", RegexOptions.CultureInvariant);
    private static Regex Shape(string pattern) => new("^" + pattern + "$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"(?<!\{)\{(\d)\}(?!\})")]
    private static partial Regex Placeholder();
}
