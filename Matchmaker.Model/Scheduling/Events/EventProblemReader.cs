using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matchmaker.Model.Scheduling.Events;

/// <summary>
/// Reads the event-mode JSON format (docs/scheduling.md). Syntax errors, unknown fields and wrong types
/// come from System.Text.Json with their line; checks of meaning (unknown ids, slots out of range) find
/// the line of the offending field by walking the tokens again.
/// </summary>
public static class EventProblemReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static EventSchedulingProblem ReadFile(string path) => Read(Path.GetFileName(path), File.ReadAllBytes(path));

    public static EventSchedulingProblem Read(string file, byte[] json)
    {
        EventFile? data;
        try
        {
            data = JsonSerializer.Deserialize<EventFile>(json, Options);
        }
        catch (JsonException e)
        {
            var problem = e.Message.Split(" Path:")[0].Split(". LineNumber")[0];
            throw new InstanceFormatException(file, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "$", problem);
        }
        if (data is null) throw new InstanceFormatException(file, 1, "$", "expected an object");
        return new Validator(file, json).Build(data);
    }

    private sealed class Validator(string file, byte[] json)
    {
        private InstanceFormatException Error(string path, string problem) => new(file, LineOf(json, path), path, problem);

        public EventSchedulingProblem Build(EventFile data)
        {
            IReadOnlyList<DaySession> slots;
            if (data.Slots is { } listed)
            {
                slots = listed.Select(s => new DaySession(s.Day, s.Session)).ToArray();
                for (var t = 0; t < listed.Count; t++)
                {
                    if (listed[t].Day < 0) throw Error($"$.slots[{t}].day", "must be 0 or more");
                    if (t > 0 && listed[t].Day < listed[t - 1].Day) throw Error($"$.slots[{t}].day", "days must not decrease along the slots");
                }
            }
            else if (data.Days is { } days && data.SlotsPerDay is { } perDay)
            {
                if (days < 1) throw Error("$.days", "must be 1 or more");
                if (perDay < 1) throw Error("$.slotsPerDay", "must be 1 or more");
                var sessions = data.SessionsPerDay ?? 1;
                if (sessions < 1 || sessions > perDay) throw Error("$.sessionsPerDay", $"must be within 1..{perDay}");
                slots = EventSchedulingProblem.Grid(days, perDay, sessions);
            }
            else throw Error("$", "give either \"slots\" or \"days\" with \"slotsPerDay\"");
            if (data.Tables < 1) throw Error("$.tables", "must be 1 or more");

            var startups = Participants(data.Startups, "startups", slots.Count);
            var delegates = Participants(data.Delegates, "delegates", slots.Count);
            var startupIds = startups.Select(s => s.Id).ToHashSet();
            var delegateIds = delegates.Select(s => s.Id).ToHashSet();

            var candidates = new List<CandidatePair>();
            for (var i = 0; i < (data.Candidates?.Count ?? 0); i++)
            {
                var c = data.Candidates![i];
                Known(c.Startup, startupIds, $"$.candidates[{i}].startup", "startup");
                Known(c.Delegate, delegateIds, $"$.candidates[{i}].delegate", "delegate");
                if (!double.IsFinite(c.Weight) || c.Weight < 0) throw Error($"$.candidates[{i}].weight", "must be a number of 0 or more");
                candidates.Add(new CandidatePair(c.Startup!, c.Delegate!, c.Weight));
            }
            var mustMeet = new List<MustMeetPair>();
            for (var i = 0; i < (data.MustMeet?.Count ?? 0); i++)
            {
                var m = data.MustMeet![i];
                // Unknown ids are not an error here: the schedule reports them as unplaced, with the reason.
                if (string.IsNullOrEmpty(m.Startup)) throw Error($"$.mustMeet[{i}].startup", "missing");
                if (string.IsNullOrEmpty(m.Delegate)) throw Error($"$.mustMeet[{i}].delegate", "missing");
                mustMeet.Add(new MustMeetPair(m.Startup, m.Delegate, m.Weight));
            }
            var locked = new List<LockedMeeting>();
            for (var i = 0; i < (data.Locked?.Count ?? 0); i++)
            {
                var l = data.Locked![i];
                Known(l.Startup, startupIds, $"$.locked[{i}].startup", "startup");
                Known(l.Delegate, delegateIds, $"$.locked[{i}].delegate", "delegate");
                if (l.Slot < 0 || l.Slot >= slots.Count) throw Error($"$.locked[{i}].slot", $"slot {l.Slot} is outside 0..{slots.Count - 1}");
                if (l.Table < 1 || l.Table > data.Tables) throw Error($"$.locked[{i}].table", $"table {l.Table} is outside 1..{data.Tables}");
                locked.Add(new LockedMeeting(l.Startup!, l.Delegate!, l.Slot, l.Table, l.Weight));
            }
            var previous = new List<PreviousMeeting>();
            for (var i = 0; i < (data.Previous?.Count ?? 0); i++)
            {
                var p = data.Previous![i];
                if (string.IsNullOrEmpty(p.Startup)) throw Error($"$.previous[{i}].startup", "missing");
                if (string.IsNullOrEmpty(p.Delegate)) throw Error($"$.previous[{i}].delegate", "missing");
                if (p.Slot < 0 || p.Slot >= slots.Count) throw Error($"$.previous[{i}].slot", $"slot {p.Slot} is outside 0..{slots.Count - 1}");
                previous.Add(new PreviousMeeting(p.Startup, p.Delegate, p.Slot));
            }
            return new EventSchedulingProblem(slots, data.Tables, startups, delegates, candidates, mustMeet, locked, previous);
        }

        private void Known(string? id, HashSet<string> ids, string path, string what)
        {
            if (string.IsNullOrEmpty(id)) throw Error(path, "missing");
            if (!ids.Contains(id)) throw Error(path, $"unknown {what} \"{id}\"");
        }

        private List<EventParticipant> Participants(List<ParticipantEntry>? entries, string field, int slotCount)
        {
            var result = new List<EventParticipant>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (entries?.Count ?? 0); i++)
            {
                var e = entries![i];
                if (string.IsNullOrEmpty(e.Id)) throw Error($"$.{field}[{i}].id", "missing");
                if (!seen.Add(e.Id)) throw Error($"$.{field}[{i}].id", $"\"{e.Id}\" is listed twice");
                var forbidden = e.Forbidden ?? [];
                for (var k = 0; k < forbidden.Count; k++)
                    if (forbidden[k] < 0 || forbidden[k] >= slotCount)
                        throw Error($"$.{field}[{i}].forbidden[{k}]", $"slot {forbidden[k]} is outside 0..{slotCount - 1}");
                if (e.Cap is < 0) throw Error($"$.{field}[{i}].cap", "must be 0 or more");
                if (e.CapPerDay is < 0) throw Error($"$.{field}[{i}].capPerDay", "must be 0 or more");
                result.Add(new EventParticipant(e.Id, forbidden.ToHashSet(), e.Cap, e.CapPerDay));
            }
            return result;
        }
    }

    /// <summary>The 1-based line of the value at a path like <c>$.candidates[3].delegate</c> (1 if not found).</summary>
    internal static int LineOf(byte[] json, string path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        // One frame per open container: its own path, whether it is an array, the index of its last item.
        var frames = new Stack<(string Path, bool IsArray, int Index)>();
        string? property = null;
        var found = -1L;
        while (found < 0 && reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                if ($"{frames.Peek().Path}.{property}" == path) found = reader.TokenStartIndex;
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.Pop();
                continue;
            }
            string here;
            if (frames.Count == 0) here = "$";
            else if (frames.Peek().IsArray)
            {
                var (containerPath, _, index) = frames.Pop();
                frames.Push((containerPath, true, index + 1));
                here = $"{containerPath}[{index + 1}]";
            }
            else here = $"{frames.Peek().Path}.{property}";
            if (here == path) found = reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                frames.Push((here, reader.TokenType == JsonTokenType.StartArray, -1));
        }
        if (found < 0) return 1;
        var line = 1;
        for (var i = 0; i < found; i++) if (json[i] == (byte)'\n') line++;
        return line;
    }

    // ---- the file's shape ----------------------------------------------------------------------

    private sealed class EventFile
    {
        public List<SlotEntry>? Slots { get; set; }
        public int? Days { get; set; }
        public int? SlotsPerDay { get; set; }
        public int? SessionsPerDay { get; set; }
        public int Tables { get; set; }
        public List<ParticipantEntry>? Startups { get; set; }
        public List<ParticipantEntry>? Delegates { get; set; }
        public List<PairEntry>? Candidates { get; set; }
        public List<PairEntry>? MustMeet { get; set; }
        public List<PairEntry>? Locked { get; set; }
        public List<PairEntry>? Previous { get; set; }
    }

    private sealed class SlotEntry
    {
        public int Day { get; set; }
        public int Session { get; set; }
    }

    private sealed class ParticipantEntry
    {
        public string? Id { get; set; }
        public List<int>? Forbidden { get; set; }
        public int? Cap { get; set; }
        public int? CapPerDay { get; set; }
    }

    private sealed class PairEntry
    {
        public string? Startup { get; set; }
        public string? Delegate { get; set; }
        public double Weight { get; set; } = 1;
        public int Slot { get; set; } = -1;
        public int Table { get; set; }
    }
}
