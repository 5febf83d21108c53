using System.Diagnostics;

namespace Matchmaker.Model.Scheduling.Events;

/// <summary>
/// The working state of the event mode: who meets whom, who is busy when, tables used per slot.
/// Participants are numbered startups first (0..S-1), then delegates (S..S+D-1).
/// </summary>
internal sealed class EventBoard
{
    internal sealed class Meeting(int s, int d, double weight, bool mustMeet, bool locked, int previousSlot)
    {
        public int S { get; } = s;
        public int D { get; } = d;
        public double Weight { get; } = weight;
        public bool MustMeet { get; } = mustMeet;
        public bool Locked { get; } = locked;
        public int PreviousSlot { get; } = previousSlot;
        public int Slot { get; set; } = -1;
        public int Table { get; set; }
        public bool Dropped { get; set; }
    }

    private readonly EventSchedulingProblem problem;
    private readonly Dictionary<string, int> startupIndex;
    private readonly Dictionary<string, int> delegateIndex;
    private readonly int slotCount;
    private readonly int participants;
    private readonly bool[] blocked;          // [p * slots + t]
    private readonly int[] busy;              // meeting index + 1, or 0
    private readonly int[] tablesUsed;
    private readonly int[] placedPerDay;      // [p * days + day]
    private readonly int[] chosen;            // meetings taken per participant, placed or not
    private readonly int[] lockedCount;
    private readonly int[] cap;
    private readonly int[] dayOf;
    private readonly int[] dayStart;
    private readonly int[] dayEnd;
    private readonly int days;
    private readonly HashSet<long> pairs = [];
    private readonly Dictionary<long, int> previousSlot = [];

    public List<Meeting> Meetings { get; } = [];
    public double LockedWeight { get; private set; }

    public EventBoard(EventSchedulingProblem problem)
    {
        this.problem = problem;
        slotCount = problem.Slots.Count;
        startupIndex = Index(problem.Startups, "startup");
        delegateIndex = Index(problem.Delegates, "delegate");
        participants = StartupCount + DelegateCount;
        blocked = new bool[participants * slotCount];
        busy = new int[participants * slotCount];
        tablesUsed = new int[slotCount];
        chosen = new int[participants];
        lockedCount = new int[participants];
        dayOf = problem.Slots.Select(s => s.Day).ToArray();
        for (var t = 1; t < slotCount; t++)
            if (dayOf[t] < dayOf[t - 1]) throw new ArgumentException($"slot {t}: days must not decrease along the slots");
        days = slotCount == 0 ? 0 : dayOf[^1] + 1;
        dayStart = Enumerable.Range(0, days).Select(day => Array.IndexOf(dayOf, day)).ToArray();
        dayEnd = Enumerable.Range(0, days).Select(day => Array.LastIndexOf(dayOf, day) + 1).ToArray();
        placedPerDay = new int[participants * Math.Max(1, days)];
        cap = new int[participants];
        for (var p = 0; p < participants; p++)
        {
            var who = Participant(p);
            foreach (var t in who.Forbidden)
                if (t >= 0 && t < slotCount) blocked[p * slotCount + t] = true;
            var free = Enumerable.Range(0, slotCount).Count(t => !blocked[p * slotCount + t]);
            var byDay = who.CapPerDay is { } perDay
                ? Enumerable.Range(0, days).Sum(day => Math.Min(perDay, Enumerable.Range(dayStart[day], Math.Max(0, dayEnd[day] - dayStart[day])).Count(t => !blocked[p * slotCount + t])))
                : free;
            cap[p] = Math.Min(Math.Min(who.Cap ?? int.MaxValue, free), byDay);
        }
        foreach (var prev in problem.Previous)
        {
            var s = StartupIndex(prev.Startup);
            var d = DelegateIndex(prev.Delegate);
            if (s >= 0 && d >= 0) previousSlot[Key(s, d)] = prev.Slot;
        }
    }

    private static Dictionary<string, int> Index(IReadOnlyList<EventParticipant> list, string what)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
            if (!index.TryAdd(list[i].Id, i)) throw new ArgumentException($"{what} {list[i].Id} is listed twice");
        return index;
    }

    public int StartupCount => problem.Startups.Count;
    public int DelegateCount => problem.Delegates.Count;
    public int StartupIndex(string id) => startupIndex.TryGetValue(id, out var i) ? i : -1;
    public int DelegateIndex(string id) => delegateIndex.TryGetValue(id, out var i) ? i : -1;
    public int DelegateParticipant(int d) => StartupCount + d;
    private EventParticipant Participant(int p) => p < StartupCount ? problem.Startups[p] : problem.Delegates[p - StartupCount];
    public int Cap(int p) => cap[p];
    public int Chosen(int p) => chosen[p];
    public int LockedCount(int p) => lockedCount[p];
    private long Key(int s, int d) => (long)s * DelegateCount + d;
    public bool HasPair(int s, int d) => pairs.Contains(Key(s, d));

    public long FreeTableSlots(bool onlyLocked) =>
        (long)slotCount * problem.Tables - (onlyLocked ? Meetings.Count(m => m.Locked) : Meetings.Count(m => !m.Dropped));

    public int CommonFreeSlots(int s, int d)
    {
        var a = s * slotCount;
        var b = DelegateParticipant(d) * slotCount;
        var n = 0;
        for (var t = 0; t < slotCount; t++)
            if (!blocked[a + t] && !blocked[b + t]) n++;
        return n;
    }

    public int Add(int s, int d, double weight, bool mustMeet, bool isLocked)
    {
        var dp = DelegateParticipant(d);
        var prev = previousSlot.TryGetValue(Key(s, d), out var slot) ? slot : -1;
        Meetings.Add(new Meeting(s, d, weight, mustMeet, isLocked, prev));
        pairs.Add(Key(s, d));
        chosen[s]++;
        chosen[dp]++;
        if (isLocked)
        {
            lockedCount[s]++;
            lockedCount[dp]++;
            LockedWeight += weight;
        }
        return Meetings.Count - 1;
    }

    public void Drop(int m)
    {
        var meeting = Meetings[m];
        meeting.Dropped = true;
        pairs.Remove(Key(meeting.S, meeting.D));
        chosen[meeting.S]--;
        chosen[DelegateParticipant(meeting.D)]--;
    }

    public int SlotCount => slotCount;
    public int DayOf(int t) => dayOf[t];

    /// <summary>Tables of slot t not taken yet.</summary>
    public int TablesLeft(int t) => problem.Tables - tablesUsed[t];

    /// <summary>Whether participant p can attend slot t and has no meeting there yet.</summary>
    public bool FreeAt(int p, int t) => !blocked[p * slotCount + t] && busy[p * slotCount + t] == 0;

    /// <summary>Meetings participant p may still take on a day; null when it has no daily cap.</summary>
    public int? DayRoomLeft(int p, int day) =>
        Participant(p).CapPerDay is { } perDay ? Math.Max(0, perDay - placedPerDay[p * days + day]) : null;

    /// <summary>Takes back every meeting from index <paramref name="first"/> on, placed or not (they must be the last added).</summary>
    public void RemoveFrom(int first)
    {
        for (var m = Meetings.Count - 1; m >= first; m--)
        {
            if (Meetings[m].Slot >= 0) Unplace(m);
            Drop(m);
            Meetings.RemoveAt(m);
        }
    }

    public bool TableFree(int t, int table) =>
        table >= 1 && table <= problem.Tables && !Meetings.Any(m => m.Slot == t && m.Table == table);

    public bool CanPlaceIgnoringCaps(int s, int d, int t)
    {
        if (t < 0 || t >= slotCount || tablesUsed[t] >= problem.Tables) return false;
        var a = s * slotCount + t;
        var b = DelegateParticipant(d) * slotCount + t;
        return !blocked[a] && !blocked[b] && busy[a] == 0 && busy[b] == 0;
    }

    public bool CanPlace(int s, int d, int t) =>
        CanPlaceIgnoringCaps(s, d, t) && DayRoom(s, t) && DayRoom(DelegateParticipant(d), t);

    private bool DayRoom(int p, int t) =>
        Participant(p).CapPerDay is not { } perDay || placedPerDay[p * days + dayOf[t]] < perDay;

    public void Place(int m, int t, int table = 0)
    {
        var meeting = Meetings[m];
        meeting.Slot = t;
        meeting.Table = table;
        busy[meeting.S * slotCount + t] = m + 1;
        busy[DelegateParticipant(meeting.D) * slotCount + t] = m + 1;
        tablesUsed[t]++;
        placedPerDay[meeting.S * days + dayOf[t]]++;
        placedPerDay[DelegateParticipant(meeting.D) * days + dayOf[t]]++;
    }

    public void Unplace(int m)
    {
        var meeting = Meetings[m];
        var t = meeting.Slot;
        busy[meeting.S * slotCount + t] = 0;
        busy[DelegateParticipant(meeting.D) * slotCount + t] = 0;
        tablesUsed[t]--;
        placedPerDay[meeting.S * days + dayOf[t]]--;
        placedPerDay[DelegateParticipant(meeting.D) * days + dayOf[t]]--;
        meeting.Slot = -1;
        meeting.Table = 0;
    }

    /// <summary>Breaks of participant p on the day of slot t: idle gaps between its meetings that day.</summary>
    private int DayBreaks(int p, int day)
    {
        var blocks = 0;
        var wasBusy = false;
        var row = p * slotCount;
        for (var t = dayStart[day]; t < dayEnd[day]; t++)
        {
            var isBusy = busy[row + t] != 0;
            if (isBusy && !wasBusy) blocks++;
            wasBusy = isBusy;
        }
        return Math.Max(0, blocks - 1);
    }

    private bool Busy(int p, int t) => t >= 0 && t < slotCount && busy[p * slotCount + t] != 0;

    /// <summary>Breaks the meeting would add at slot t, plus a small price for leaving its previous slot.</summary>
    private double Cost(Meeting meeting, int t)
    {
        var cost = 0.0;
        var day = dayOf[t];
        foreach (var p in new[] { meeting.S, DelegateParticipant(meeting.D) })
        {
            var before = DayBreaks(p, day);
            busy[p * slotCount + t] = -1;
            cost += DayBreaks(p, day) - before;
            busy[p * slotCount + t] = 0;
            // Tie-break toward slots beside the participant's other meetings, so blocks grow.
            if (t > 0 && dayOf[t - 1] == day && Busy(p, t - 1)) cost -= 0.01;
            if (t + 1 < slotCount && dayOf[t + 1] == day && Busy(p, t + 1)) cost -= 0.01;
        }
        if (meeting.PreviousSlot >= 0 && meeting.PreviousSlot != t) cost += 0.5;
        // Spread load over slots so late meetings still find tables.
        return cost + 0.001 * tablesUsed[t] / Math.Max(1, problem.Tables);
    }

    private int BestSlot(int m)
    {
        var meeting = Meetings[m];
        var best = -1;
        var bestCost = double.MaxValue;
        for (var t = 0; t < slotCount; t++)
        {
            if (!CanPlace(meeting.S, meeting.D, t)) continue;
            var cost = Cost(meeting, t);
            if (cost < bestCost) { bestCost = cost; best = t; }
        }
        return best;
    }

    public bool PlaceBest(int m)
    {
        var t = BestSlot(m);
        if (t < 0) return false;
        Place(m, t);
        return true;
    }

    /// <summary>Makes room by moving one meeting of either participant to another slot.</summary>
    public bool Repair(int m)
    {
        var meeting = Meetings[m];
        var a = meeting.S;
        var b = DelegateParticipant(meeting.D);
        for (var t = 0; t < slotCount; t++)
        {
            if (blocked[a * slotCount + t] || blocked[b * slotCount + t]) continue;
            var inA = busy[a * slotCount + t];
            var inB = busy[b * slotCount + t];
            if ((inA != 0) == (inB != 0)) continue; // both free is a table problem; both busy needs two moves
            var other = (inA != 0 ? inA : inB) - 1;
            if (Meetings[other].Locked) continue;
            Unplace(other);
            if (CanPlace(a, meeting.D, t))
            {
                Place(m, t);
                var moved = BestSlot(other);
                if (moved >= 0) { Place(other, moved); return true; }
                Unplace(m);
            }
            Place(other, t);
        }
        return false;
    }

    /// <summary>Adds unchosen candidates where caps and slots still allow, best value first.</summary>
    public void Refill(List<EventScheduler.Candidate> candidates, double fairnessPenalty)
    {
        if (candidates.Count == 0) return;
        var mean = candidates.Average(c => c.Weight);
        var open = candidates.Where(c => !HasPair(c.S, c.D)).ToList();
        var changed = true;
        for (var pass = 0; changed && pass < 3; pass++)
        {
            changed = false;
            foreach (var c in open.OrderByDescending(c => c.Weight - fairnessPenalty * mean * chosen[c.S]))
            {
                var dp = DelegateParticipant(c.D);
                if (HasPair(c.S, c.D) || chosen[c.S] >= cap[c.S] || chosen[dp] >= cap[dp]) continue;
                var m = Add(c.S, c.D, c.Weight, false, false);
                if (PlaceBest(m)) changed = true;
                else
                {
                    Drop(m);
                    Meetings.RemoveAt(m);
                }
            }
            open = open.Where(c => !HasPair(c.S, c.D)).ToList();
        }
    }

    /// <summary>Moves single meetings to slots with fewer breaks until a full pass changes nothing.</summary>
    public void ReduceBreaks(TimeSpan budget, Stopwatch clock)
    {
        var deadline = clock.Elapsed + budget;
        var random = new Random(12345);
        var order = Enumerable.Range(0, Meetings.Count).Where(m => !Meetings[m].Locked && Meetings[m].Slot >= 0).ToArray();
        for (var pass = 0; pass < 50; pass++)
        {
            random.Shuffle(order);
            var improved = false;
            foreach (var m in order)
            {
                if (clock.Elapsed > deadline) return;
                var meeting = Meetings[m];
                var from = meeting.Slot;
                Unplace(m);
                var current = Cost(meeting, from);
                var best = BestSlot(m);
                if (best >= 0 && best != from && Cost(meeting, best) < current - 0.5)
                {
                    Place(m, best);
                    improved = true;
                }
                else Place(m, from);
            }
            if (!improved) return;
        }
    }

    public EventSchedule Result(List<UnplacedMustMeet> unplaced, double upperBound, double seconds)
    {
        var placed = Meetings.Where(m => !m.Dropped && m.Slot >= 0).ToList();
        // Tables: locked meetings keep theirs, the others take the lowest free number.
        var taken = new Dictionary<int, HashSet<int>>();
        foreach (var m in placed.Where(m => m.Locked))
        {
            if (!taken.TryGetValue(m.Slot, out var set)) taken[m.Slot] = set = [];
            set.Add(m.Table);
        }
        foreach (var m in placed.Where(m => !m.Locked))
        {
            if (!taken.TryGetValue(m.Slot, out var set)) taken[m.Slot] = set = [];
            var table = 1;
            while (set.Contains(table)) table++;
            set.Add(table);
            m.Table = table;
        }

        var meetings = placed
            .OrderBy(m => m.Slot).ThenBy(m => m.Table)
            .Select(m => new PlacedEventMeeting(problem.Startups[m.S].Id, problem.Delegates[m.D].Id, m.Slot, m.Table, m.Weight, m.MustMeet, m.Locked))
            .ToList();
        var perStartup = new int[StartupCount];
        foreach (var m in placed) perStartup[m.S]++;
        var breaks = 0;
        for (var p = 0; p < participants; p++)
            for (var day = 0; day < days; day++)
                breaks += DayBreaks(p, day);
        var now = placed.Select(m => (problem.Startups[m.S].Id, problem.Delegates[m.D].Id, m.Slot)).ToHashSet();
        var moved = problem.Previous.Count(p => !now.Contains((p.Startup, p.Delegate, p.Slot)));
        var weight = placed.Sum(m => m.Weight);
        var mustTotal = problem.MustMeet.Select(p => (p.Startup, p.Delegate)).Distinct().Count();
        var placedPairs = placed.Select(m => (problem.Startups[m.S].Id, problem.Delegates[m.D].Id)).ToHashSet();
        var mustPlaced = problem.MustMeet.Select(p => (p.Startup, p.Delegate)).Distinct().Count(placedPairs.Contains);
        var stats = new EventScheduleStats(
            placed.Count, mustPlaced, mustTotal, weight, upperBound,
            upperBound <= 0 ? 0 : Math.Max(0, (upperBound - weight) / upperBound),
            breaks,
            StartupCount == 0 ? 0 : perStartup.Max(),
            StartupCount == 0 ? 0 : perStartup.Min(),
            perStartup.Count(n => n == 0),
            moved, seconds);
        return new EventSchedule(meetings, unplaced, stats);
    }
}
