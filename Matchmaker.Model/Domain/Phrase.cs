using System.Globalization;

namespace Matchmaker.Model.Domain;

/// <summary>
/// A sentence the service can say: a code that names it and its English template, with {0}-style places for values.
/// The API answers in English; the web app finds a translation of the template by its code and puts the same values in.
/// </summary>
public sealed record Phrase(string Code, string Template)
{
    public Message With(params object[] values) =>
        new(Code, Template, values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray());

    public static implicit operator Message(Phrase phrase) => phrase.With();
}

/// <summary>A phrase with its values: what the service said this time.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.message")]
public sealed record Message([property: Id(0)] string Code, [property: Id(1)] string Template, [property: Id(2)] IReadOnlyList<string> Values)
{
    public string English => string.Format(CultureInfo.InvariantCulture, Template, Values.ToArray<object>());

    public override string ToString() => English;
}
