using System.Text.Json.Nodes;

namespace Matchmaker.Tests.Batch;

/// <summary>
/// An independent check of a published schedule as the API shows it, written without the solver's code:
/// nobody twice in a slot, one meeting per table per slot, tables within the event, availability, caps,
/// a pair at most once, and every accepted request placed unless the report says why not.
/// </summary>
public static class ScheduleAudit
{
    public sealed record Participant(string Id, IReadOnlySet<int>? Slots, int Cap, int? PerDayCap);

    public static IReadOnlyList<string> Problems(
        JsonNode schedule, int tables, IReadOnlyDictionary<int, int> dayOfSlot,
        IReadOnlyDictionary<string, Participant> startups, IReadOnlyDictionary<string, Participant> delegates,
        IEnumerable<(string Startup, string Delegate)> accepted)
    {
        var problems = new List<string>();
        var meetings = schedule["meetings"]!.AsArray().Select(m => (
            Id: (string)m!["meetingId"]!, Startup: (string)m["startupId"]!, Delegate: (string)m["delegateId"]!,
            Slot: (int)m["slot"]!, Table: (int)m["table"]!)).ToList();

        foreach (var clash in meetings.GroupBy(m => (m.Slot, m.Table)).Where(g => g.Count() > 1))
            problems.Add($"table {clash.Key.Table} holds {clash.Count()} meetings in slot {clash.Key.Slot}");
        foreach (var m in meetings.Where(m => m.Table < 1 || m.Table > tables))
            problems.Add($"{m.Id} is at table {m.Table}, outside 1..{tables}");
        foreach (var twice in meetings.GroupBy(m => (m.Startup, m.Delegate)).Where(g => g.Count() > 1))
            problems.Add($"{twice.Key} meet {twice.Count()} times");

        void CheckSide(Func<(string Id, string Startup, string Delegate, int Slot, int Table), string> who, IReadOnlyDictionary<string, Participant> people)
        {
            foreach (var group in meetings.GroupBy(who))
            {
                if (!people.TryGetValue(group.Key, out var person)) { problems.Add($"{group.Key} is not registered"); continue; }
                foreach (var busy in group.GroupBy(m => m.Slot).Where(g => g.Count() > 1))
                    problems.Add($"{group.Key} has {busy.Count()} meetings in slot {busy.Key}");
                foreach (var m in group.Where(m => person.Slots is not null && !person.Slots.Contains(m.Slot)))
                    problems.Add($"{group.Key} is not available in slot {m.Slot} ({m.Id})");
                if (group.Count() > person.Cap) problems.Add($"{group.Key} has {group.Count()} meetings, cap {person.Cap}");
                if (person.PerDayCap is { } perDay)
                    foreach (var day in group.GroupBy(m => dayOfSlot[m.Slot]).Where(d => d.Count() > perDay))
                        problems.Add($"{group.Key} has {day.Count()} meetings on day {day.Key}, cap {perDay} a day");
            }
        }
        CheckSide(m => m.Startup, startups);
        CheckSide(m => m.Delegate, delegates);

        var unplaced = schedule["quality"]?["unplaced"]?.AsArray().Select(u => (string?)u).ToList() ?? [];
        foreach (var (startup, person) in accepted)
        {
            var id = $"{startup}.{person}";
            if (!meetings.Any(m => m.Id == id) && !unplaced.Any(u => u is not null && u.StartsWith(id, StringComparison.Ordinal)))
                problems.Add($"accepted request {id} is neither placed nor reported as unplaceable");
        }
        return problems;
    }
}
