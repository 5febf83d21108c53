using System.Globalization;
using System.Text;

namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>
/// Writes an instance in the .dzn layout of the benchmark files, so generated variants can go through
/// <c>solve</c> and tools/recheck_b2b.py like the originals. Only the fields <see cref="DznReader"/> reads
/// (the derived <c>nMeetingsBusiness</c> and <c>meetingsxBusiness</c> are left out).
/// </summary>
public static class DznWriter
{
    public static string Write(B2bInstance instance)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"% {instance.Name}");
        Line($"nBusiness = {instance.Participants};");
        Line($"nMeetings = {instance.Meetings.Count};");
        Line($"nTables = {instance.Tables};");
        Line($"nTotalSlots = {instance.Slots};");
        Line($"nMorningSlots = {instance.MorningSlots};");
        Line($"");
        text.Append("requested = [");
        foreach (var meeting in instance.Meetings)
            Line($"|{meeting.A}, {meeting.B},{(int)meeting.Session}, ");
        Line($"|];");
        Line($"");
        // Slot 0 stands for "nothing forbidden" in these files.
        text.Append("forbidden = [");
        text.AppendJoin(",\n", instance.Forbidden.Select(slots => Set(slots.Count == 0 ? [0] : slots.Order())));
        Line($"];");
        Line($"");
        Line($"fixed = [{string.Join(",", instance.Fixed)}];");
        Line($"");
        text.Append("precedences = [");
        text.AppendJoin(",\n", instance.Precedences.Select(before => Set(before.Order())));
        Line($"];");
        return text.ToString();
    }

    public static void WriteFile(B2bInstance instance, string path) => File.WriteAllText(path, Write(instance));

    private static string Set(IEnumerable<int> members) => "{" + string.Join(",", members) + "}";
}
