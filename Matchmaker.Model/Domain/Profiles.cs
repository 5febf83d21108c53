using System.Text.RegularExpressions;

namespace Matchmaker.Model.Domain;

/// <summary>What a startup tells corporates about itself.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.startup-profile")]
public sealed record StartupProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Sectors,
    [property: Id(2)] string Stage,
    [property: Id(3)] string Country,
    [property: Id(4)] string? City,
    [property: Id(5)] IReadOnlyList<string> Seeks,
    [property: Id(6)] string? Pitch,
    [property: Id(7)] int? TeamSize,
    [property: Id(8)] string? Website,
    [property: Id(9)] string? ContactEmail,
    [property: Id(10)] int? FoundedYear = null,
    [property: Id(11)] long? FundingUsd = null,
    [property: Id(12)] string? Language = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(Name), Name, 200);
        errors.Known(nameof(Sectors), Sectors, (IReadOnlyCollection<string>)Vocabulary.Sectors, required: true);
        errors.Known(nameof(Stage), Stage is null ? null : [Stage], Vocabulary.Stages, required: true);
        ProfileRules.Country(errors, nameof(Country), Country, required: true);
        errors.Optional(nameof(City), City, 100);
        errors.Known(nameof(Seeks), Seeks, (IReadOnlyCollection<string>)Vocabulary.Engagements, required: true);
        errors.Optional(nameof(Pitch), Pitch, 2000);
        if (TeamSize is { } size) errors.Range(nameof(TeamSize), size, 1, 100_000);
        ProfileRules.Website(errors, nameof(Website), Website);
        ProfileRules.Email(errors, nameof(ContactEmail), ContactEmail);
        if (FoundedYear is { } year) errors.Range(nameof(FoundedYear), year, 1900, DateTime.UtcNow.Year + 1);
        if (FundingUsd is < 0) errors.Add(nameof(FundingUsd), Phrases.Negative);
        ProfileRules.Language(errors, nameof(Language), Language);
        return errors;
    }
}

/// <summary>A corporate scout: who they are, what their company looks for and can offer startups.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.delegate-profile")]
public sealed record DelegateProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Role,
    [property: Id(2)] string Company,
    [property: Id(3)] string CompanySector,
    [property: Id(4)] IReadOnlyList<string> Interests,
    [property: Id(5)] IReadOnlyList<string> Seeks,
    [property: Id(6)] IReadOnlyList<string>? Offers,
    [property: Id(7)] IReadOnlyList<string>? Stages,
    [property: Id(8)] IReadOnlyList<string>? Countries,
    [property: Id(9)] int MeetingsPerDayCap,
    [property: Id(10)] string? ContactEmail,
    [property: Id(11)] string? CompanyCountry = null,
    [property: Id(12)] string? CompanyCity = null,
    [property: Id(13)] string? Language = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(Name), Name, 200);
        errors.Optional(nameof(Role), Role, 200);
        errors.Required(nameof(Company), Company, 200);
        errors.Known(nameof(CompanySector), CompanySector is null ? null : [CompanySector], (IReadOnlyCollection<string>)Vocabulary.Sectors, required: true);
        errors.Known(nameof(Interests), Interests, (IReadOnlyCollection<string>)Vocabulary.Sectors, required: true);
        errors.Known(nameof(Seeks), Seeks, (IReadOnlyCollection<string>)Vocabulary.Engagements, required: true);
        errors.Known(nameof(Offers), Offers, (IReadOnlyCollection<string>)Vocabulary.Engagements, required: false);
        errors.Known(nameof(Stages), Stages, Vocabulary.Stages, required: false);
        if (errors.MaxCount(nameof(Countries), Countries, 250))
            foreach (var country in Countries ?? []) ProfileRules.Country(errors, nameof(Countries), country, required: true);
        errors.Range(nameof(MeetingsPerDayCap), MeetingsPerDayCap, 1, 100);
        ProfileRules.Email(errors, nameof(ContactEmail), ContactEmail);
        if (CompanyCountry is not null) ProfileRules.Country(errors, nameof(CompanyCountry), CompanyCountry, required: false);
        errors.Optional(nameof(CompanyCity), CompanyCity, 100);
        ProfileRules.Language(errors, nameof(Language), Language);
        return errors;
    }
}

internal static partial class ProfileRules
{
    public static void Country(ValidationErrors errors, string field, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) errors.Add(field, Phrases.CountryRequired);
        }
        else if (!CountryCode().IsMatch(value))
            errors.Add(field, Phrases.NotCountry.With(ValidationErrors.Shortened(value)));
    }

    public static void Website(ValidationErrors errors, string field, string? value)
    {
        if (value is null) return;
        if (value.Length > 300 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            errors.Add(field, Phrases.NotWebAddress.With(ValidationErrors.Shortened(value)));
    }

    public static void Language(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !Vocabulary.Languages.Contains(value))
            errors.Add(field, Phrases.NotLanguage.With(ValidationErrors.Shortened(value), string.Join(" or ", Vocabulary.Languages)));
    }

    public static void Email(ValidationErrors errors, string field, string? value)
    {
        if (value is null) return;
        if (value.Length > 254 || !EmailAddress().IsMatch(value))
            errors.Add(field, Phrases.NotEmail.With(ValidationErrors.Shortened(value)));
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailAddress();
}
