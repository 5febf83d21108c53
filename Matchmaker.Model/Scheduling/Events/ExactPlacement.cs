using System.Diagnostics;
using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Model.Scheduling.Events;

/// <summary>When and how the batch places the chosen meetings exactly.</summary>
/// <param name="MaxParticipants">
/// Events with at most this many registered participants (startups and delegates) get the exact placement: the
/// size of the real B2B forums the exact mode solves (docs/scheduling.md). Larger events keep the event mode's.
/// </param>
/// <param name="Fairness">
/// Most breaks one participant may have above another on a day. When the event mode's placement is already
/// less fair than that, its spread is the bound instead, so the exact placement is never less fair.
/// </param>
/// <param name="TimeLimitSeconds">Seconds for all days together; a day's unused time goes to the next.</param>
/// <param name="Workers">CP-SAT workers (see <see cref="ExactSchedulerOptions.Workers"/>).</param>
/// <param name="KeepPreviousSlots">
/// On a rerun, meetings the event mode left in their previous slot stay there too (agendas people have seen do not
/// shuffle for a break less); the new and moved meetings are placed exactly around them. False: every unlocked
/// meeting may move.
/// </param>
public sealed record ExactPlacementOptions(
    int MaxParticipants = ExactPlacementOptions.DefaultMaxParticipants, int Fairness = 2, double TimeLimitSeconds = 30, int Workers = 4,
    bool KeepPreviousSlots = true, ExactTuning? Tuning = null)
{
    public const int DefaultMaxParticipants = 150;

    public bool Applies(EventSchedulingProblem problem) => problem.Startups.Count + problem.Delegates.Count <= MaxParticipants;
}

/// <summary>
/// What the exact placement did. <paramref name="Status"/> is null when the event was too large for it;
/// <c>Optimal</c> means no placement of these meetings on these days has fewer breaks within the fairness bound;
/// <c>Feasible</c> means the best found, with <paramref name="BreaksLowerBound"/> for the gap.
/// </summary>
/// <param name="Improved">Whether the exact search's placement replaced the event mode's (fewer breaks).</param>
/// <param name="Fairness">The fairness bound used: the most a participant's breaks exceed another's on a day.</param>
public sealed record ExactPlacementReport(
    SolveStatus? Status,
    bool Improved,
    int Breaks,
    int EventModeBreaks,
    int? BreaksLowerBound,
    int Fairness,
    double Seconds)
{
    /// <summary>(breaks − lower bound) / breaks; 0 when optimal, null when the exact placement did not run.</summary>
    public double? Gap => BreaksLowerBound is not { } bound ? null : Breaks == 0 ? 0 : Math.Round((double)(Breaks - bound) / Breaks, 4);
}

/// <summary>
/// The exact mode for small events: the event mode has chosen who meets whom and on which day; this places
/// each day's meetings again with <see cref="ExactScheduler"/>, the solver of the real B2B forums (fewest
/// breaks, bounded unfairness, optimality proven or a lower bound). Each day is one B2B instance: the
/// participants who meet that day, its slots, the event's tables per slot, each participant's unavailable slots
/// as forbidden slots, and locked (confirmed) meetings as fixed meetings, so they never move (on a rerun, so do
/// meetings still in their previous slot, see <see cref="ExactPlacementOptions.KeepPreviousSlots"/>). Keeping each
/// meeting's day keeps the daily caps and matches how breaks are counted (idle gaps within a day). The event
/// mode's placement is the search's starting incumbent, so the answer is never worse, and it is kept when the
/// search finds nothing better in time.
/// </summary>
public static class ExactPlacement
{
    public sealed record Result(EventSchedule Schedule, ExactPlacementReport Report);

    public static Result Improve(EventSchedulingProblem problem, EventSchedule schedule, ExactPlacementOptions options)
    {
        var clock = Stopwatch.StartNew();
        if (!options.Applies(problem))
            return new Result(schedule, new ExactPlacementReport(null, false, schedule.Stats.TotalBreaks, schedule.Stats.TotalBreaks, null, options.Fairness, 0));

        var slotDay = problem.Slots.Select(s => s.Day).ToArray();
        var forbidden = problem.Startups.Concat(problem.Delegates).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Forbidden);
        var previous = options.KeepPreviousSlots ? problem.Previous.Select(p => (p.Startup, p.Delegate, p.Slot)).ToHashSet() : new HashSet<(string, string, int)>();
        bool Stays(PlacedEventMeeting m) => m.Locked || previous.Contains((m.Startup, m.Delegate, m.Slot));
        var days = schedule.Meetings.GroupBy(m => slotDay[m.Slot]).OrderBy(g => g.Key).ToList();
        var placed = new List<PlacedEventMeeting>(schedule.Meetings.Count);
        var (breaks, bound, fairness, eventBreaks) = (0, 0, options.Fairness, 0);
        var allProven = true;
        var improved = false;
        for (var i = 0; i < days.Count; i++)
        {
            var dayMeetings = days[i].ToList();
            var first = Array.IndexOf(slotDay, days[i].Key);
            var slotCount = Array.LastIndexOf(slotDay, days[i].Key) - first + 1;
            var (instance, hint) = Instance(problem, dayMeetings, forbidden, Stays, first, slotCount);
            var given = ScheduleChecker.Check(instance, hint, null);
            eventBreaks += given.TotalBreaks;
            var d = Math.Max(options.Fairness, given.Spread);
            fairness = Math.Max(fairness, d);
            var seconds = Math.Max(0.5, (options.TimeLimitSeconds - clock.Elapsed.TotalSeconds) / (days.Count - i));
            var answer = ExactScheduler.Solve(instance, new ExactSchedulerOptions(d, seconds, options.Workers, Tuning: options.Tuning, Hint: hint));

            var better = answer.Status is SolveStatus.Optimal or SolveStatus.Feasible && answer.Breaks < given.TotalBreaks
                         && ScheduleChecker.Check(instance, answer.Meetings, d).IsFeasible;
            var dayBreaks = better ? answer.Breaks!.Value : given.TotalBreaks;
            var proven = answer.Status == SolveStatus.Optimal && answer.Breaks <= dayBreaks;
            breaks += dayBreaks;
            // A hint that holds everything cannot be refuted; should the search say so anyway, it proves nothing.
            bound += proven ? dayBreaks : answer.Status == SolveStatus.Infeasible ? 0 : Math.Min(dayBreaks, (int)Math.Ceiling(answer.LowerBound - 1e-9));
            allProven &= proven;
            improved |= better;
            for (var m = 0; m < dayMeetings.Count; m++)
                placed.Add(better ? dayMeetings[m] with { Slot = first + answer.Meetings[m].Slot - 1 } : dayMeetings[m]);
        }

        var meetings = NumberTables(placed);
        var now = meetings.Select(m => (m.Startup, m.Delegate, m.Slot)).ToHashSet();
        var stats = schedule.Stats with
        {
            TotalBreaks = breaks,
            Moved = problem.Previous.Count(p => !now.Contains((p.Startup, p.Delegate, p.Slot))),
            Seconds = schedule.Stats.Seconds + clock.Elapsed.TotalSeconds,
        };
        var report = new ExactPlacementReport(allProven ? SolveStatus.Optimal : SolveStatus.Feasible, improved, breaks, eventBreaks, bound, fairness,
            clock.Elapsed.TotalSeconds);
        return new Result(schedule with { Meetings = meetings, Stats = stats }, report);
    }

    /// <summary>One day as a B2B instance (participants, slots and meetings from 1), and the event mode's placement in it.</summary>
    private static (B2bInstance Instance, List<PlacedMeeting> Hint) Instance(
        EventSchedulingProblem problem, List<PlacedEventMeeting> meetings, Dictionary<string, IReadOnlySet<int>> forbidden,
        Func<PlacedEventMeeting, bool> stays, int first, int slotCount)
    {
        var number = new Dictionary<string, int>(StringComparer.Ordinal);
        int Number(string id) => number.TryGetValue(id, out var n) ? n : number[id] = number.Count + 1;
        var requested = meetings.Select(m => new RequestedMeeting(Number(m.Startup), Number(m.Delegate), Session.Either)).ToList();
        var forbiddenSlots = number.OrderBy(kv => kv.Value)
            .Select(kv => (IReadOnlySet<int>)forbidden[kv.Key].Where(t => t >= first && t < first + slotCount).Select(t => t - first + 1).ToHashSet())
            .ToList();
        var fixedSlots = meetings.Select(m => stays(m) ? m.Slot - first + 1 : 0).ToList();
        var instance = new B2bInstance($"day {problem.Slots[first].Day + 1}", number.Count, slotCount, slotCount, problem.Tables, requested,
            forbiddenSlots, fixedSlots, meetings.Select(_ => (IReadOnlyList<int>)[]).ToList());
        var tableInSlot = new Dictionary<int, int>();
        var hint = meetings.Select(m =>
        {
            var table = tableInSlot[m.Slot] = tableInSlot.GetValueOrDefault(m.Slot) + 1;
            return new PlacedMeeting(Number(m.Startup), Number(m.Delegate), m.Slot - first + 1, table);
        }).ToList();
        return (instance, hint);
    }

    /// <summary>Locked meetings keep their table; the others take the lowest free number of their slot.</summary>
    private static List<PlacedEventMeeting> NumberTables(List<PlacedEventMeeting> placed)
    {
        var taken = placed.Where(m => m.Locked).GroupBy(m => m.Slot).ToDictionary(g => g.Key, g => g.Select(m => m.Table).ToHashSet());
        var result = new List<PlacedEventMeeting>(placed.Count);
        foreach (var m in placed)
        {
            if (m.Locked) { result.Add(m); continue; }
            if (!taken.TryGetValue(m.Slot, out var set)) taken[m.Slot] = set = [];
            var table = 1;
            while (set.Contains(table)) table++;
            set.Add(table);
            result.Add(m with { Table = table });
        }
        return result.OrderBy(m => m.Slot).ThenBy(m => m.Table).ToList();
    }
}
