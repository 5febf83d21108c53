using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Model.Scheduling.Events;
using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Silo.Batch;

/// <summary>
/// Turns the snapshot and the ranked matches into the scheduler's problem, and its answer into the next
/// schedule version. Agreed meetings (accepted requests and invitations, confirmed proposals) are must-meets and
/// stay in their published slot while both can still attend; meetings that have started stay as history. The
/// batch's own unconfirmed proposals are only preferences: they keep their slot when nothing more important needs
/// it, but an accepted request moves or drops them. A declined pair is never proposed again, and a proposal
/// nobody confirmed by the deadline before its slot is released.
/// </summary>
public static class SchedulePlanner
{
    /// <summary>How many of its best-ranked pairs each participant brings, as a multiple of its cap.</summary>
    private const int CandidatesPerCap = 4;

    /// <summary>A pair the other side already asked for is worth more than its score alone.</summary>
    private const double RequestedBonus = 0.5;

    /// <summary>Share of the budget the event mode may take on an event small enough for the exact placement, which gets the rest.</summary>
    private const double EventModeShareWhenExact = 0.3;

    /// <param name="exact">When and how small events are placed exactly; null = the defaults.</param>
    public static PublishedSchedule Plan(EventSnapshot snapshot, IRankedMatches matches, TimeSpan budget, DateTimeOffset now,
        ExactPlacementOptions? exact = null)
    {
        exact ??= new ExactPlacementOptions();
        var config = snapshot.Config;
        var slots = EventSlots.From(config);
        var requests = snapshot.Requests.ToDictionary(r => (r.StartupId, r.DelegateId));
        bool Closed((string, string) pair) => requests.TryGetValue(pair, out var r) && r.Status is RequestStatus.Declined or RequestStatus.Cancelled;
        bool Accepted((string, string) pair) => requests.TryGetValue(pair, out var r) && r.Status == RequestStatus.Accepted;
        bool Agreed(PublishedMeeting m) => m.Origin is MeetingOrigin.Accepted or MeetingOrigin.Refill || Accepted((m.StartupId, m.DelegateId)) || config.Confirmation == ConfirmationPolicy.Auto;
        DateTimeOffset StartOf(PublishedMeeting m) => EventSlots.StartsAt(config, slots[m.Slot]);
        bool Started(PublishedMeeting m) => m.Slot < slots.Count && StartOf(m) <= now;
        bool Released(PublishedMeeting m) => !Agreed(m) && !Started(m) && m.Slot < slots.Count
                                             && StartOf(m) - TimeSpan.FromHours(config.ConfirmationDeadlineHours) <= now;

        var startupFree = snapshot.Startups.ToDictionary(s => s.Id, s => s.Availability);
        var delegateFree = snapshot.Delegates.ToDictionary(d => d.Id, d => d.Availability);

        var score = matches.AllPairs().ToDictionary(m => (m.StartupId, m.DelegateId), m => m.Score);
        // Slots taken from standby during the event count as published meetings: agreed, so they stay.
        var previous = (snapshot.Published?.Meetings ?? []).Concat(snapshot.Refills.Where(r => snapshot.Published?.Meetings.All(m => m.Id != r.Id) ?? true)).ToList();
        var released = previous.Where(Released).Select(m => (m.StartupId, m.DelegateId)).ToHashSet();
        var candidates = Candidates(matches, snapshot, config)
            .Concat(previous.Select(m => (m.StartupId, m.DelegateId)))
            .Distinct()
            .Where(pair => !Closed(pair) && !released.Contains(pair) && !Accepted(pair))
            .Select(pair => new CandidatePair(pair.StartupId, pair.DelegateId,
                score.GetValueOrDefault(pair) + (requests.TryGetValue(pair, out var r) && r.Status == RequestStatus.Pending ? RequestedBonus : 0)))
            .ToList();
        var mustMeet = snapshot.Requests.Where(r => r.Status == RequestStatus.Accepted)
            .Select(r => new MustMeetPair(r.StartupId, r.DelegateId, 1 + score.GetValueOrDefault((r.StartupId, r.DelegateId))))
            .ToList();

        var locked = WithoutClashes(previous
            .Where(m => (Agreed(m) || Started(m)) && !Closed((m.StartupId, m.DelegateId)) && m.Slot < slots.Count && m.Table <= config.Tables
                        && startupFree.TryGetValue(m.StartupId, out var s) && s.Includes(m.Slot)
                        && delegateFree.TryGetValue(m.DelegateId, out var d) && d.Includes(m.Slot)))
            .Select(m => new LockedMeeting(m.StartupId, m.DelegateId, m.Slot, m.Table, Math.Max(m.Score, 0.01)))
            .ToList();

        // During the event a slot that has begun takes no new meeting: only the meetings already held in it stay.
        var begun = EventSlots.IsUnderway(config, slots, now)
            ? Enumerable.Range(0, slots.Count).Where(t => EventSlots.StartsAt(config, slots[t]) <= now).ToList()
            : [];
        HashSet<int> ForbiddenNow(Availability availability, Func<LockedMeeting, bool> held)
        {
            var forbidden = Forbidden(availability, slots.Count);
            var heldSlots = locked.Where(held).Select(m => m.Slot).ToHashSet();
            forbidden.UnionWith(begun.Where(t => !heldSlots.Contains(t)));
            return forbidden;
        }
        var startups = snapshot.Startups.Select(s => new EventParticipant(s.Id, ForbiddenNow(s.Availability, m => m.Startup == s.Id), config.MaxMeetingsPerStartup)).ToList();
        var delegates = snapshot.Delegates.Select(d => new EventParticipant(d.Id, ForbiddenNow(d.Availability, m => m.Delegate == d.Id),
            config.MaxMeetingsPerDelegate, d.Profile.MeetingsPerDayCap)).ToList();

        var problem = new EventSchedulingProblem(
            slots.Select(s => new DaySession(s.DayIndex, s.Session)).ToList(), config.Tables, startups, delegates,
            candidates, mustMeet, locked,
            previous.Where(m => !released.Contains((m.StartupId, m.DelegateId))).Select(m => new PreviousMeeting(m.StartupId, m.DelegateId, m.Slot)).ToList());
        // Event mode chooses who meets whom (must-meets first) and places them; a small event's meetings are then
        // placed again exactly, locked meetings fixed, within the rest of the budget.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var small = exact.Applies(problem);
        var eventMode = EventScheduler.Solve(problem, new EventSchedulerOptions(TimeLimitSeconds: budget.TotalSeconds * (small ? EventModeShareWhenExact : 1)));
        var (schedule, placement) = ExactPlacement.Improve(problem, eventMode,
            exact with { TimeLimitSeconds = Math.Max(1, budget.TotalSeconds - clock.Elapsed.TotalSeconds) });

        var meetings = TableKeeping.KeepPrevious(schedule.Meetings
                .Select(m => Published(m, Accepted((m.Startup, m.Delegate)), score.GetValueOrDefault((m.Startup, m.Delegate))))
                .ToList(), previous, config.Tables)
            .OrderBy(m => m.Slot).ThenBy(m => m.Table).ToList();
        var stats = schedule.Stats;
        var quality = new ScheduleQuality(stats.Placed, stats.MustMeets, stats.MustMeetsPlaced, stats.TotalBreaks, stats.StartupsWithoutMeeting,
            stats.MinMeetingsPerStartup, stats.MaxMeetingsPerStartup, Math.Round(stats.TotalWeight, 3), Math.Round(stats.UpperBound, 3), stats.Moved,
            schedule.Unplaced.Select(u => $"{MeetingRequest.IdOf(u.Startup, u.Delegate)}: {Describe(u.Reason)}").ToList())
        {
            Placement = placement.Status is null ? PlacementMethod.Event : PlacementMethod.Exact,
            ExactStatus = placement.Status switch { null => null, SolveStatus.Optimal => ExactStatus.Optimal, _ => ExactStatus.Feasible },
            BreaksLowerBound = placement.BreaksLowerBound,
            BreaksGap = placement.Gap,
            EventModeBreaks = placement.Status is null ? null : placement.EventModeBreaks,
            BreaksFairness = placement.Status is null ? null : placement.Fairness,
        };
        return new PublishedSchedule(snapshot.EventId, (snapshot.Published?.Version ?? 0) + 1, now, meetings, quality,
            ScheduleDiff.Between(previous, meetings));
    }

    /// <summary>Each delegate's and each startup's best-ranked pairs, a few times its cap, so every side has choices.</summary>
    private static HashSet<(string StartupId, string DelegateId)> Candidates(IRankedMatches matches, EventSnapshot snapshot, EventConfig config)
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var d in snapshot.Delegates)
            foreach (var m in matches.RankedForDelegate(d.Id).Take(CandidatesPerCap * config.MaxMeetingsPerDelegate))
                pairs.Add((m.StartupId, m.DelegateId));
        foreach (var s in snapshot.Startups)
            foreach (var m in matches.RankedForStartup(s.Id).Take(CandidatesPerCap * config.MaxMeetingsPerStartup))
                pairs.Add((m.StartupId, m.DelegateId));
        return pairs;
    }

    /// <summary>
    /// The meetings to lock, never two in one place. A refill was taken after the schedule was published, so it wins
    /// over a published meeting at its table or with one of its people in its slot: that pair was cancelled and then
    /// agreed again, and is placed afresh as a must-meet.
    /// </summary>
    private static List<PublishedMeeting> WithoutClashes(IEnumerable<PublishedMeeting> meetings)
    {
        var taken = new HashSet<(int Slot, string Place)>();
        var kept = new List<PublishedMeeting>();
        foreach (var m in meetings.OrderByDescending(m => m.Origin == MeetingOrigin.Refill))
        {
            (int, string)[] places = [(m.Slot, $"table {m.Table}"), (m.Slot, $"startup {m.StartupId}"), (m.Slot, $"delegate {m.DelegateId}")];
            if (places.Any(taken.Contains)) continue;
            taken.UnionWith(places);
            kept.Add(m);
        }
        return kept;
    }

    private static HashSet<int> Forbidden(Availability availability, int slotCount) =>
        availability.Slots is null ? [] : Enumerable.Range(0, slotCount).Except(availability.Slots).ToHashSet();

    private static PublishedMeeting Published(PlacedEventMeeting m, bool accepted, double score) =>
        new(MeetingRequest.IdOf(m.Startup, m.Delegate), m.Startup, m.Delegate, m.Slot, m.Table,
            accepted ? MeetingOrigin.Accepted : MeetingOrigin.Recommended, Math.Round(score, 4));

    private static string Describe(UnplacedReason reason) => reason switch
    {
        UnplacedReason.NoCommonFreeSlot => "the two have no free slot in common",
        UnplacedReason.StartupCapReached => "the startup's meeting cap is reached",
        UnplacedReason.DelegateCapReached => "the delegate's meeting cap is reached",
        UnplacedReason.NoSlotLeft => "every common free slot is taken (tables or other meetings)",
        _ => "a participant is no longer registered",
    };
}
