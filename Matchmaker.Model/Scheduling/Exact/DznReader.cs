using System.Globalization;

namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>
/// Reads the MiniZinc data files (.dzn) of the B2B benchmark: integers, sets (<c>{1,2}</c>, <c>1..5</c>),
/// one-dimensional arrays of integers or sets, and two-dimensional arrays <c>[| 1, 2, 3 | … |]</c>.
/// Only what those files contain; every error names the line and the field.
/// </summary>
public static class DznReader
{
    public static B2bInstance ReadFile(string path) =>
        Read(Path.GetFileName(path), Path.GetFileNameWithoutExtension(path), File.ReadAllText(path));

    /// <param name="file">Shown in error messages.</param>
    /// <param name="name">The instance name reported by the solver.</param>
    public static B2bInstance Read(string file, string name, string text)
    {
        var fields = Parse(file, text);
        var fieldsReader = new FieldReader(file, fields, LastLine(text));

        var participants = fieldsReader.PositiveInt("nBusiness");
        var meetingCount = fieldsReader.PositiveInt("nMeetings");
        var tables = fieldsReader.PositiveInt("nTables");
        var slots = fieldsReader.PositiveInt("nTotalSlots");
        var morning = fieldsReader.Int("nMorningSlots", 0, slots);

        var requested = fieldsReader.Rows("requested", meetingCount, 3);
        var meetings = new List<RequestedMeeting>(meetingCount);
        foreach (var row in requested)
        {
            var a = fieldsReader.Check("requested", row.Line, row.Values[0], 1, participants, "participant");
            var b = fieldsReader.Check("requested", row.Line, row.Values[1], 1, participants, "participant");
            var session = fieldsReader.Check("requested", row.Line, row.Values[2], 1, 3, "session");
            if (a == b) throw new InstanceFormatException(file, row.Line, "requested", $"participant {a} meets itself");
            meetings.Add(new RequestedMeeting(a, b, (Session)session));
        }

        // Slot 0 stands for "nothing forbidden" in these files.
        var forbidden = fieldsReader.Sets("forbidden", participants, 0, slots, "slot")
            .Select(s => (IReadOnlySet<int>)s.Where(t => t != 0).ToHashSet()).ToArray();
        var fixedSlots = fields.ContainsKey("fixed")
            ? fieldsReader.Ints("fixed", meetingCount, 0, slots, "slot")
            : new int[meetingCount];
        var precedences = fields.ContainsKey("precedences")
            ? fieldsReader.Sets("precedences", meetingCount, 1, meetingCount, "meeting")
                .Select(s => (IReadOnlyList<int>)s.ToArray()).ToArray()
            : Enumerable.Range(0, meetingCount).Select(_ => (IReadOnlyList<int>)Array.Empty<int>()).ToArray();

        return new B2bInstance(name, participants, slots, morning, tables, meetings, forbidden, fixedSlots, precedences);
    }

    private static int LastLine(string text) => text.Count(c => c == '\n') + 1;

    // ---- values -------------------------------------------------------------------------------

    internal abstract record Value(int Line);
    internal sealed record IntValue(int Line, int Number) : Value(Line);
    internal sealed record SetValue(int Line, IReadOnlyList<int> Members) : Value(Line);
    internal sealed record ArrayValue(int Line, IReadOnlyList<Value> Items) : Value(Line);
    internal sealed record Row(int Line, IReadOnlyList<int> Values);
    internal sealed record RowsValue(int Line, IReadOnlyList<Row> Rows) : Value(Line);

    private readonly record struct Token(string Text, int Line);

    internal static Dictionary<string, Value> Parse(string file, string text)
    {
        var tokens = Tokenize(text);
        var fields = new Dictionary<string, Value>(StringComparer.Ordinal);
        var i = 0;
        while (i < tokens.Count)
        {
            var name = tokens[i];
            if (!IsIdentifier(name.Text))
                throw new InstanceFormatException(file, name.Line, name.Text, "expected a field name");
            i++;
            Expect(file, tokens, ref i, "=", name.Text);
            var value = ParseValue(file, tokens, ref i, name.Text);
            Expect(file, tokens, ref i, ";", name.Text);
            if (!fields.TryAdd(name.Text, value))
                throw new InstanceFormatException(file, name.Line, name.Text, "defined twice");
        }
        return fields;
    }

    private static Value ParseValue(string file, List<Token> tokens, ref int i, string field)
    {
        var t = Peek(file, tokens, i, field);
        if (t.Text == "{") return ParseSet(file, tokens, ref i, field);
        if (t.Text == "[")
        {
            if (i + 1 < tokens.Count && tokens[i + 1].Text == "|") return ParseRows(file, tokens, ref i, field);
            i++;
            var items = new List<Value>();
            while (Peek(file, tokens, i, field).Text != "]")
            {
                items.Add(ParseValue(file, tokens, ref i, field));
                if (Peek(file, tokens, i, field).Text == ",") i++;
                else if (tokens[i].Text != "]")
                    throw new InstanceFormatException(file, tokens[i].Line, field, $"expected ',' or ']', found '{tokens[i].Text}'");
            }
            i++;
            return new ArrayValue(t.Line, items);
        }
        var first = ParseInt(file, tokens, ref i, field);
        if (i < tokens.Count && tokens[i].Text == "..")
        {
            i++;
            var last = ParseInt(file, tokens, ref i, field);
            return new SetValue(t.Line, Range(first, last));
        }
        return new IntValue(t.Line, first);
    }

    private static SetValue ParseSet(string file, List<Token> tokens, ref int i, string field)
    {
        var line = tokens[i].Line;
        i++;
        var members = new List<int>();
        while (Peek(file, tokens, i, field).Text != "}")
        {
            var first = ParseInt(file, tokens, ref i, field);
            if (Peek(file, tokens, i, field).Text == "..")
            {
                i++;
                members.AddRange(Range(first, ParseInt(file, tokens, ref i, field)));
            }
            else members.Add(first);
            if (Peek(file, tokens, i, field).Text == ",") i++;
            else if (tokens[i].Text != "}")
                throw new InstanceFormatException(file, tokens[i].Line, field, $"expected ',' or '}}', found '{tokens[i].Text}'");
        }
        i++;
        return new SetValue(line, members);
    }

    private static RowsValue ParseRows(string file, List<Token> tokens, ref int i, string field)
    {
        var line = tokens[i].Line;
        i += 2; // "[" "|"
        var rows = new List<Row>();
        var current = new List<int>();
        var rowLine = Peek(file, tokens, i, field).Line;
        while (true)
        {
            var t = Peek(file, tokens, i, field);
            if (t.Text == "|")
            {
                i++;
                if (current.Count > 0) rows.Add(new Row(rowLine, current));
                current = [];
                if (Peek(file, tokens, i, field).Text == "]") { i++; break; }
                rowLine = tokens[i].Line;
                continue;
            }
            if (t.Text == ",") { i++; continue; }
            if (current.Count == 0) rowLine = t.Line;
            current.Add(ParseInt(file, tokens, ref i, field));
        }
        return new RowsValue(line, rows);
    }

    private static int ParseInt(string file, List<Token> tokens, ref int i, string field)
    {
        var t = Peek(file, tokens, i, field);
        if (!int.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new InstanceFormatException(file, t.Line, field, $"expected an integer, found '{t.Text}'");
        i++;
        return n;
    }

    private static Token Peek(string file, List<Token> tokens, int i, string field) =>
        i < tokens.Count
            ? tokens[i]
            : throw new InstanceFormatException(file, tokens.Count == 0 ? 1 : tokens[^1].Line, field, "unexpected end of file");

    private static void Expect(string file, List<Token> tokens, ref int i, string text, string field)
    {
        var t = Peek(file, tokens, i, field);
        if (t.Text != text) throw new InstanceFormatException(file, t.Line, field, $"expected '{text}', found '{t.Text}'");
        i++;
    }

    private static List<int> Range(int first, int last) =>
        last < first ? [] : Enumerable.Range(first, last - first + 1).ToList();

    private static bool IsIdentifier(string s) => s.Length > 0 && char.IsLetter(s[0]) && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var line = 1;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '%') { while (i < text.Length && text[i] != '\n') i++; continue; }
            if (c == '.' && i + 1 < text.Length && text[i + 1] == '.') { tokens.Add(new("..", line)); i += 2; continue; }
            if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
            {
                var start = i;
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new(text[start..i], line));
                continue;
            }
            tokens.Add(new(c.ToString(), line));
            i++;
        }
        return tokens;
    }

    // ---- typed access with messages that name the field ---------------------------------------

    private sealed class FieldReader(string file, Dictionary<string, Value> fields, int lastLine)
    {
        private Value Get(string field) =>
            fields.TryGetValue(field, out var v) ? v : throw new InstanceFormatException(file, lastLine, field, "missing");

        public int Int(string field, int min, int max)
        {
            var v = Get(field);
            if (v is not IntValue n) throw new InstanceFormatException(file, v.Line, field, "expected an integer");
            return Check(field, n.Line, n.Number, min, max, "value");
        }

        public int PositiveInt(string field) => Int(field, 1, 1_000_000);

        public int Check(string field, int line, int value, int min, int max, string what) =>
            value >= min && value <= max
                ? value
                : throw new InstanceFormatException(file, line, field, $"{what} {value} is outside {min}..{max}");

        public IReadOnlyList<Row> Rows(string field, int count, int width)
        {
            var v = Get(field);
            if (v is ArrayValue { Items.Count: 0 } && count == 0) return [];
            if (v is not RowsValue rows) throw new InstanceFormatException(file, v.Line, field, "expected a two-dimensional array [| … |]");
            foreach (var row in rows.Rows)
                if (row.Values.Count != width)
                    throw new InstanceFormatException(file, row.Line, field, $"expected {width} values per row, found {row.Values.Count}");
            if (rows.Rows.Count != count)
                throw new InstanceFormatException(file, rows.Line, field, $"expected {count} rows, found {rows.Rows.Count}");
            return rows.Rows;
        }

        private ArrayValue Array(string field, int count)
        {
            var v = Get(field);
            if (v is not ArrayValue array) throw new InstanceFormatException(file, v.Line, field, "expected an array [ … ]");
            if (array.Items.Count != count)
                throw new InstanceFormatException(file, array.Line, field, $"expected {count} entries, found {array.Items.Count}");
            return array;
        }

        public IReadOnlyList<IReadOnlyList<int>> Sets(string field, int count, int min, int max, string what) =>
            Array(field, count).Items.Select(item =>
            {
                if (item is not SetValue set) throw new InstanceFormatException(file, item.Line, field, "expected a set { … }");
                foreach (var member in set.Members) Check(field, set.Line, member, min, max, what);
                return set.Members;
            }).ToArray();

        public int[] Ints(string field, int count, int min, int max, string what) =>
            Array(field, count).Items.Select(item =>
                item is IntValue n
                    ? Check(field, n.Line, n.Number, min, max, what)
                    : throw new InstanceFormatException(file, item.Line, field, "expected an integer")).ToArray();
    }
}
