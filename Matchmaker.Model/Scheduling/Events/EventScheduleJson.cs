namespace Matchmaker.Model.Scheduling.Events;

/// <summary>The one-line JSON answer of <c>solve</c> for an event-mode file.</summary>
public static class EventScheduleJson
{
    /// <summary>
    /// <c>{"instance","status","breaks","seconds","placed","weight","upperBound","gap","mustMeetsPlaced",
    /// "mustMeets","moved","minPerStartup","maxPerStartup","startupsWithoutMeeting","meetings":[…],"unplaced":[…]}</c>.
    /// Status is "feasible": the event mode does not prove optimality; the gap says how far it can be.
    /// </summary>
    public static string Line(string instance, EventSchedule schedule) => JsonLine.Write(w =>
    {
        var s = schedule.Stats;
        w.WriteString("instance", instance);
        w.WriteString("status", "feasible");
        w.WriteNumber("breaks", s.TotalBreaks);
        w.WriteNumber("seconds", Math.Round(s.Seconds, 2));
        w.WriteNumber("placed", s.Placed);
        w.WriteNumber("weight", Math.Round(s.TotalWeight, 4));
        w.WriteNumber("upperBound", Math.Round(s.UpperBound, 4));
        w.WriteNumber("gap", Math.Round(s.Gap, 4));
        w.WriteNumber("mustMeetsPlaced", s.MustMeetsPlaced);
        w.WriteNumber("mustMeets", s.MustMeets);
        w.WriteNumber("moved", s.Moved);
        w.WriteNumber("minPerStartup", s.MinMeetingsPerStartup);
        w.WriteNumber("maxPerStartup", s.MaxMeetingsPerStartup);
        w.WriteNumber("startupsWithoutMeeting", s.StartupsWithoutMeeting);
        w.WriteStartArray("meetings");
        foreach (var m in schedule.Meetings)
        {
            w.WriteStartObject();
            w.WriteString("startup", m.Startup);
            w.WriteString("delegate", m.Delegate);
            w.WriteNumber("slot", m.Slot);
            w.WriteNumber("table", m.Table);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("unplaced");
        foreach (var u in schedule.Unplaced)
        {
            w.WriteStartObject();
            w.WriteString("startup", u.Startup);
            w.WriteString("delegate", u.Delegate);
            w.WriteString("reason", ReasonText(u.Reason));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static string ReasonText(UnplacedReason reason) => reason switch
    {
        UnplacedReason.UnknownParticipant => "unknown-participant",
        UnplacedReason.NoCommonFreeSlot => "no-common-free-slot",
        UnplacedReason.StartupCapReached => "startup-cap-reached",
        UnplacedReason.DelegateCapReached => "delegate-cap-reached",
        _ => "no-slot-left",
    };
}
