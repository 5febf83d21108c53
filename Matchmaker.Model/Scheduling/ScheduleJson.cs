using System.Text;
using System.Text.Json;

namespace Matchmaker.Model.Scheduling;

/// <summary>The one-line JSON answers of <c>solve</c>, with the property order of design.md.</summary>
public static class ScheduleJson
{
    public static string StatusText(SolveStatus status) => status switch
    {
        SolveStatus.Optimal => "optimal",
        SolveStatus.Feasible => "feasible",
        SolveStatus.Infeasible => "infeasible",
        _ => "unknown",
    };

    /// <summary><c>{"instance":…,"status":…,"breaks":…,"seconds":…,"meetings":[{"a","b","slot","table"}]}</c></summary>
    public static string Line(B2bSchedule schedule) => Write(w =>
    {
        w.WriteString("instance", schedule.Instance);
        w.WriteString("status", StatusText(schedule.Status));
        if (schedule.Breaks is { } breaks) w.WriteNumber("breaks", breaks);
        else w.WriteNull("breaks");
        w.WriteNumber("seconds", Math.Round(schedule.Seconds, 2));
        w.WriteStartArray("meetings");
        foreach (var m in schedule.Meetings)
        {
            w.WriteStartObject();
            w.WriteNumber("a", m.A);
            w.WriteNumber("b", m.B);
            w.WriteNumber("slot", m.Slot);
            w.WriteNumber("table", m.Table);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>A line for an instance that could not be read or solved.</summary>
    public static string ErrorLine(string instance, string error) => Write(w =>
    {
        w.WriteString("instance", instance);
        w.WriteString("status", "error");
        w.WriteString("error", error);
    });

    internal static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
