using System.Globalization;
using CsvHelper;

namespace Matchmaker.Api.Features.Schedule;

/// <summary>The schedule as CSV for printing table cards: one row per meeting, in slot then table order.</summary>
public static class ScheduleCsv
{
    public const string MediaType = "text/csv";

    public static string Write(ScheduleView schedule)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, null, leaveOpen: true))
        {
            csv.WriteRecord(["slot", "date", "start", "end", "table", "startup_id", "startup", "delegate_id", "delegate", "company", "origin"]);
            foreach (var row in schedule.Meetings)
                csv.WriteRecord(
                [
                    row.Slot.ToString(CultureInfo.InvariantCulture),
                    row.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    row.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
                    row.End.ToString("HH:mm", CultureInfo.InvariantCulture),
                    row.Table.ToString(CultureInfo.InvariantCulture),
                    row.StartupId, Inert(row.StartupName), row.DelegateId, Inert(row.DelegateName), Inert(row.Company),
                    row.Origin.ToString().ToLowerInvariant(),
                ]);
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a leading
    /// apostrophe, so a name such as <c>=HYPERLINK(…)</c> prints as text in the organiser's spreadsheet (OWASP CSV injection).
    /// </summary>
    public static string Inert(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
}
