
namespace Matchmaker.Model.Scheduling.Exact;

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

    /// <summary>
    /// <c>{"instance":…,"status":…,"breaks":…,"seconds":…,"meetings":[{"a","b","slot","table"}]}</c>, and
    /// <c>"reason"</c> last when the instance is infeasible.
    /// </summary>
    public static string Line(B2bSchedule schedule) => JsonLine.Write(w =>
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
        if (schedule.Infeasibility is { } reason) w.WriteString("reason", reason.Text);
    });

    /// <summary>A line for an instance that could not be read or solved.</summary>
    public static string ErrorLine(string instance, string error) => JsonLine.Write(w =>
    {
        w.WriteString("instance", instance);
        w.WriteString("status", "error");
        w.WriteString("error", error);
    });
}
