using System.Text.Json.Serialization;
using System.Globalization;
using CsvHelper;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Import;

/// <summary>One problem in a participants file: where it is and what is wrong (in English, and with the phrase's code).</summary>
public sealed record CsvRowError(int Line, string Column, [property: JsonIgnore] Message Said)
{
    public string Reason => Said.English;
    public string? Code => Said.Code.Length > 0 ? Said.Code : null;
}

public sealed record ImportedStartup(string Id, StartupProfile Profile, Availability Availability);

public sealed record ImportedDelegate(string Id, DelegateProfile Profile, Availability Availability);

/// <summary>A whole participants file: either every row parsed, or every problem found.</summary>
public sealed record ParticipantsFile(
    IReadOnlyList<ImportedStartup> Startups,
    IReadOnlyList<ImportedDelegate> Delegates,
    IReadOnlyList<CsvRowError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the participants CSV (format in the README): one row per startup or delegate, told apart by
/// the <c>kind</c> column; lists inside a cell are separated by ';'; availability is slot numbers and
/// ranges such as <c>0-15;20</c>, empty for every slot.
/// </summary>
public static class ParticipantsCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "kind", "id", "name", "sectors", "stage", "country", "city", "seeks", "pitch", "team_size", "website",
        "email", "founded_year", "role", "company", "company_sector", "interests", "offers", "stages",
        "countries", "meetings_per_day", "company_country", "language", "availability",
    ];

    /// <summary>The CSV column each profile field comes from, so a validation error names the column.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        [nameof(StartupProfile.Name)] = "name",
        [nameof(StartupProfile.Sectors)] = "sectors",
        [nameof(StartupProfile.Stage)] = "stage",
        [nameof(StartupProfile.Country)] = "country",
        [nameof(StartupProfile.City)] = "city",
        [nameof(StartupProfile.Seeks)] = "seeks",
        [nameof(StartupProfile.Pitch)] = "pitch",
        [nameof(StartupProfile.TeamSize)] = "team_size",
        [nameof(StartupProfile.Website)] = "website",
        [nameof(StartupProfile.ContactEmail)] = "email",
        [nameof(StartupProfile.FoundedYear)] = "founded_year",
        [nameof(DelegateProfile.Role)] = "role",
        [nameof(DelegateProfile.Company)] = "company",
        [nameof(DelegateProfile.CompanySector)] = "company_sector",
        [nameof(DelegateProfile.Interests)] = "interests",
        [nameof(DelegateProfile.Offers)] = "offers",
        [nameof(DelegateProfile.Stages)] = "stages",
        [nameof(DelegateProfile.Countries)] = "countries",
        [nameof(DelegateProfile.MeetingsPerDayCap)] = "meetings_per_day",
        [nameof(DelegateProfile.CompanyCountry)] = "company_country",
        [nameof(StartupProfile.Language)] = "language",
        ["availability"] = "availability",
    };

    public const int MaxRows = 20_000;

    public static ParticipantsFile Read(TextReader text, int slotCount)
    {
        var startups = new List<ImportedStartup>();
        var delegates = new List<ImportedDelegate>();
        var errors = new List<CsvRowError>();
        var seen = new Dictionary<(string Kind, string Id), int>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        try
        {
            var header = csv.Headers.ToArray();
            if (header.Length == 0)
                return new([], [], [new CsvRowError(1, "", Phrases.CsvEmpty)]);
            foreach (var required in new[] { "kind", "id", "name" })
                if (!header.Contains(required, StringComparer.Ordinal))
                    errors.Add(new CsvRowError(1, required, Phrases.CsvMissingColumn.With(required)));
            foreach (var column in header)
                if (!Columns.Contains(column, StringComparer.Ordinal))
                    errors.Add(new CsvRowError(1, column, Phrases.CsvUnknownColumn.With(ValidationErrors.Shortened(column), string.Join(", ", Columns))));
            if (errors.Count > 0) return new([], [], errors);

            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                if (startups.Count + delegates.Count + 1 > MaxRows)
                {
                    errors.Add(new CsvRowError(line, "", Phrases.CsvTooManyRows.With(MaxRows)));
                    break;
                }
                if (csv.FieldCount != header.Length)
                {
                    errors.Add(new CsvRowError(line, "", Phrases.CsvFieldCount.With(csv.FieldCount, header.Length)));
                    continue;
                }
                var row = new Row(csv, header, line);
                var kind = row.Text("kind")?.ToLowerInvariant();
                var id = row.Text("id");
                if (!GrainKeys.IsValidId(id))
                    row.Error("id", Phrases.CsvInvalidId.With(ValidationErrors.Shortened(id ?? ""), GrainKeys.MaxIdLength));
                else if (kind is "startup" or "delegate" && !seen.TryAdd((kind, id!), line))
                    row.Error("id", Phrases.CsvIdTwice.With(id!, seen[(kind, id!)]));
                var availability = row.Slots("availability", slotCount);
                switch (kind)
                {
                    case "startup":
                        var startup = new StartupProfile(
                            row.Text("name")!, row.List("sectors"), row.Text("stage")!, row.Text("country")!, row.Text("city"),
                            row.List("seeks"), row.Text("pitch"), row.Int("team_size"), row.Text("website"), row.Text("email"),
                            row.Int("founded_year"), Language: row.Text("language"));
                        row.Include(startup.Validate());
                        if (row.IsValid) startups.Add(new ImportedStartup(id!, startup, availability));
                        break;
                    case "delegate":
                        var person = new DelegateProfile(
                            row.Text("name")!, row.Text("role"), row.Text("company")!, row.Text("company_sector")!,
                            row.List("interests"), row.List("seeks"), row.OptionalList("offers"), row.OptionalList("stages"),
                            row.OptionalList("countries"), row.Int("meetings_per_day") ?? 8, row.Text("email"), row.Text("company_country"),
                            Language: row.Text("language"));
                        row.Include(person.Validate());
                        if (row.IsValid) delegates.Add(new ImportedDelegate(id!, person, availability));
                        break;
                    default:
                        row.Error("kind", Phrases.CsvUnknownKind.With(ValidationErrors.Shortened(kind ?? "")));
                        break;
                }
                errors.AddRange(row.Errors);
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new CsvRowError(LineOf(csv), "", Phrases.CsvMalformed.With(ex.Message.Split('\n')[0])));
        }
        return errors.Count > 0 ? new([], [], errors) : new(startups, delegates, []);
    }

    private static int LineOf(CsvReader csv)
    {
        try { return (int)csv.LineNumber; }
        catch (InvalidOperationException) { return 0; }
    }

    /// <summary>Reads cells of one row and collects its problems.</summary>
    private sealed class Row(CsvReader csv, string[] header, int line)
    {
        public List<CsvRowError> Errors { get; } = [];
        public bool IsValid => Errors.Count == 0;

        public void Error(string column, Message reason) => Errors.Add(new CsvRowError(line, column, reason));

        public string? Text(string column)
        {
            if (!header.Contains(column, StringComparer.Ordinal)) return null;
            var value = csv.GetStringOrNull(column);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public IReadOnlyList<string> List(string column) => OptionalList(column) ?? [];

        public IReadOnlyList<string>? OptionalList(string column) =>
            Text(column)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        public int? Int(string column)
        {
            var text = Text(column);
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            Error(column, Phrases.CsvNotWholeNumber.With(ValidationErrors.Shortened(text)));
            return null;
        }

        public Availability Slots(string column, int slotCount)
        {
            var text = Text(column);
            if (text is null) return Availability.All;
            var slots = new SortedSet<int>();
            foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var range = part.Split('-', 2);
                if (!int.TryParse(range[0], out var from) || !int.TryParse(range.Length == 2 ? range[1] : range[0], out var to) || to < from)
                {
                    Error(column, Phrases.CsvNotSlots.With(ValidationErrors.Shortened(part)));
                    continue;
                }
                if (from < 0 || to >= slotCount)
                {
                    Error(column, Phrases.CsvSlotsOutside.With(part, slotCount - 1));
                    continue;
                }
                for (var slot = from; slot <= to; slot++) slots.Add(slot);
            }
            return new Availability(slots.ToList());
        }

        public void Include(ValidationErrors errors)
        {
            foreach (var (field, message) in errors.Messages())
                Error(ColumnOfField.GetValueOrDefault(field, field), message);
        }
    }
}
