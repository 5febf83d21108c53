using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Matchmaker.Api.Features.Agendas;

/// <summary>An agenda as iCalendar (RFC 5545), in the event's time zone.</summary>
public static class AgendaCalendar
{
    public const string MediaType = "text/calendar";

    public static string Write(AgendaView agenda)
    {
        var calendar = new Calendar { ProductId = "-//Matchmaker//Agenda//EN", Method = "PUBLISH" };
        calendar.AddTimeZone(agenda.TimeZone);
        calendar.AddProperty("X-WR-CALNAME", $"{agenda.EventName}: {agenda.ParticipantName}");
        calendar.AddProperty("X-WR-TIMEZONE", agenda.TimeZone);
        var stamp = new CalDateTime((agenda.PublishedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime, "UTC");
        foreach (var meeting in agenda.Meetings)
        {
            var with = meeting.WithCompany is null ? meeting.WithName : $"{meeting.WithName} ({meeting.WithCompany})";
            calendar.Events.Add(new CalendarEvent
            {
                // Stable across schedule versions, so calendar apps update a moved meeting instead of adding a copy.
                Uid = $"{meeting.MeetingId}@{agenda.EventId}.matchmaker",
                Sequence = agenda.Version,
                DtStamp = stamp,
                Summary = $"Meeting with {with}",
                Location = $"Table {meeting.Table}, {agenda.EventName}",
                Description = $"One-to-one meeting at {agenda.EventName}, table {meeting.Table}. Schedule version {agenda.Version}.",
                DtStart = new CalDateTime(meeting.Start.DateTime, agenda.TimeZone),
                DtEnd = new CalDateTime(meeting.End.DateTime, agenda.TimeZone),
                // Calendar apps show a proposal as tentative and strike a released or cancelled one through.
                Status = meeting.State switch
                {
                    MeetingState.Confirmed => "CONFIRMED",
                    MeetingState.Proposed => "TENTATIVE",
                    _ => "CANCELLED",
                },
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
