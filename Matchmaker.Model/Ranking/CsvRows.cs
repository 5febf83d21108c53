using CsvHelper;
using System.Globalization;

namespace Matchmaker.Model.Ranking;

/// <summary>A CSV file read by column name (CsvHelper does the RFC 4180 part), with every parse error located by file, line and column.</summary>
internal sealed class CsvRows : IDisposable
{
    private readonly CsvReader csv;
    private readonly string file;
    private readonly Dictionary<string, int> columns = new(StringComparer.Ordinal);

    public CsvRows(string path, IReadOnlyList<string> required)
    {
        file = Path.GetFileName(path);
        if (!System.IO.File.Exists(path)) throw new DataFormatException(file, 0, "-", $"file not found: {path}");
        csv = CsvReader.Create(new StreamReader(path, detectEncodingFromByteOrderMarks: true),
            new CsvReaderOptions { TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw });
        IReadOnlyList<string> header;
        try { header = csv.Headers; }
        catch (CsvFormatException e) { throw new DataFormatException(file, 1, "-", e.Message); }
        if (header.Count == 0) throw new DataFormatException(file, 1, required[0], "the file is empty; a header line is required.");
        for (var i = 0; i < header.Count; i++) columns.TryAdd(header[i].Trim(), i);
        foreach (var column in required)
            if (!columns.ContainsKey(column))
                throw new DataFormatException(file, 1, column, "missing column.");
    }

    /// <summary>The line the current record starts on.</summary>
    public long Line { get; private set; } = 1;

    public bool Next()
    {
        try
        {
            if (!csv.Read()) return false;
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException(file, Line + 1, "-", e.Message);
        }
        Line = csv.LineNumber;
        return true;
    }

    /// <summary>Crunchbase writes unknowns as empty, 0, #N/A or "unknown".</summary>
    public string? Text(string column)
    {
        var index = columns[column];
        var value = index < csv.FieldCount ? csv.GetStringOrNull(index)?.Trim() : null;
        return string.IsNullOrEmpty(value) || value is "0" or "#N/A" or "unknown" ? null : value;
    }

    public int? Int(string column)
    {
        var value = Text(column);
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d)) return (int)d;
        throw new DataFormatException(file, Line, column, $"'{value}' is not a whole number.");
    }

    public double? Number(string column)
    {
        var value = Text(column);
        if (value is null) return null;
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw new DataFormatException(file, Line, column, $"'{value}' is not a number.");
    }

    /// <summary>
    /// An optional amount: the 2013 export has a few totals a spreadsheet turned into dates (5/18/27);
    /// they become unknown, with a located warning, rather than making the whole file unusable.
    /// </summary>
    public double? OptionalNumber(string column, List<string> warnings)
    {
        try { return Number(column); }
        catch (DataFormatException e)
        {
            warnings.Add(e.Message + " Treated as unknown.");
            return null;
        }
    }

    public DateOnly? Date(string column, string format)
    {
        var value = Text(column);
        if (value is null) return null;
        return DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DateOnly.FromDateTime(date)
            : throw new DataFormatException(file, Line, column, $"'{value}' is not a date ({format}).");
    }

    public void Dispose() => csv.Dispose();
}
