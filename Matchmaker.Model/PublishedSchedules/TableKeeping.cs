namespace Matchmaker.Model.PublishedSchedules;

/// <summary>
/// The scheduler decides who meets in which slot; within a slot any free table will do. A meeting that keeps its
/// slot on a rerun should keep its table too, or people walk to the wrong table: this hands each such meeting its
/// previous table back where no other kept meeting of that slot holds it, and the others the tables left.
/// </summary>
public static class TableKeeping
{
    public static IReadOnlyList<PublishedMeeting> KeepPrevious(IReadOnlyList<PublishedMeeting> meetings, IReadOnlyList<PublishedMeeting> previous, int tableCount)
    {
        var before = previous.ToDictionary(m => m.Id);
        var result = new List<PublishedMeeting>(meetings.Count);
        foreach (var slot in meetings.GroupBy(m => m.Slot))
        {
            var kept = new Dictionary<string, int>();
            foreach (var m in slot)
                if (before.TryGetValue(m.Id, out var old) && old.Slot == m.Slot && old.Table <= tableCount && !kept.ContainsValue(old.Table))
                    kept[m.Id] = old.Table;
            var free = new Queue<int>(Enumerable.Range(1, tableCount).Except(kept.Values));
            foreach (var m in slot)
                result.Add(m with { Table = kept.TryGetValue(m.Id, out var table) ? table : free.Dequeue() });
        }
        return result;
    }
}
