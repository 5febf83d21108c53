using System.Diagnostics;
using System.Globalization;
using System.Text;
using Matchmaker.Api.Features.Live;
using Matchmaker.Api.Features.Requests;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Import;
using Matchmaker.Model.Live;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Silo.Hosting;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Benchmarks;

/// <summary>
/// The system clock moved to another moment and ticking on from there: the host's <see cref="TimeProvider"/> while the
/// simulated week walks through its nights and slots. Moved forward only.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void MoveTo(DateTimeOffset moment)
    {
        var offset = (moment - System.GetUtcNow()).Ticks;
        if (offset < Interlocked.Read(ref _offsetTicks)) throw new InvalidOperationException($"The clock moves forward only; {moment:O} is behind it.");
        Interlocked.Exchange(ref _offsetTicks, offset);
    }
}

/// <summary>How the simulated participants behave; every draw comes from one seeded generator.</summary>
public sealed record WeekBehaviour
{
    /// <summary>Before the event each startup asks this many scouts (drawn from its 15 best-ranked).</summary>
    public (int Min, int Max) FirstRequests { get; init; } = (1, 3);
    /// <summary>Each evening this share of startups sends one more request, for the next night's batch.</summary>
    public double EveningRequesters { get; init; } = 0.15;
    /// <summary>A scout accepts a request with this chance while it has accepted fewer than <see cref="ScoutAcceptsUpTo"/>; declines with the next.</summary>
    public double ScoutAccepts { get; init; } = 0.6;
    public double ScoutDeclines { get; init; } = 0.25;
    public int ScoutAcceptsUpTo { get; init; } = 10;
    /// <summary>Each party answers a proposal: confirm, decline, or (the rest) not at all.</summary>
    public double ProposalConfirmed { get; init; } = 0.85;
    public double ProposalDeclined { get; init; } = 0.04;
    /// <summary>A confirmed meeting is cancelled by one party shortly before its slot.</summary>
    public double Cancelled { get; init; } = 0.01;
    /// <summary>At a confirmed meeting the startup does not come (the scout reports it), or the scout does not (the startup reports it).</summary>
    public double StartupAbsent { get; init; } = 0.03;
    public double ScoutAbsent { get; init; } = 0.01;
    /// <summary>A standby startup takes an offer with this chance; with the next, a second candidate tries at the same moment.</summary>
    public double OfferTaken { get; init; } = 0.7;
    public double SecondTaker { get; init; } = 0.3;
    /// <summary>Parties answering proposals at once in the morning.</summary>
    public int MorningConcurrency { get; init; } = 8;

    /// <summary>
    /// The same behaviour with declines, cancellations and no-shows <paramref name="factor"/> times as likely: each of them
    /// that frees a slot costs a rebuild of the event's match table (the offer reads it after the change made it stale),
    /// so at 2,000 × 400 on a busy machine the full rates take over an hour.
    /// </summary>
    public WeekBehaviour WithLiveRates(double factor) => this with
    {
        ProposalDeclined = ProposalDeclined * factor, Cancelled = Cancelled * factor,
        StartupAbsent = StartupAbsent * factor, ScoutAbsent = ScoutAbsent * factor,
    };
}

/// <summary>
/// A simulated event week: the synthetic fair over three nights and days, driving the real host (Orleans silo, Azure
/// storage on a real Azurite, the API's Mediator commands as the endpoints send them) with scripted, seeded behaviour.
/// The host's clock is a <see cref="SimulatedClock"/>, so "during the day" is the event's own day. Per night: accepted
/// requests placed and placeable, the reasons for the rest, confirmed meetings moved; per day: proposals confirmed,
/// cancellations, no-shows, refill offers made and taken, and the time from a cancellation (or no-show) to its offer.
/// </summary>
public sealed class EventWeekBenchmark
{
    private readonly WebApplication _app;
    private readonly IGrainFactory _grains;
    private readonly IMediator _mediator;
    private readonly SimulatedClock _clock;
    private readonly SyntheticFair _fair;
    private readonly EventConfig _config;
    private readonly string _eventId;
    private readonly Random _random;
    private readonly WeekBehaviour _behaviour;
    private readonly IReadOnlyList<EventSlot> _slots;
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _acceptedByScout = new(StringComparer.Ordinal);
    private readonly StringBuilder _report = new();

    private EventWeekBenchmark(WebApplication app, SimulatedClock clock, SyntheticFair fair, string eventId, int seed, WeekBehaviour behaviour)
    {
        _behaviour = behaviour;
        _app = app;
        _grains = app.Services.GetRequiredService<IGrainFactory>();
        _mediator = app.Services.GetRequiredService<IMediator>();
        _clock = clock;
        _fair = fair;
        _config = fair.Config;
        _eventId = eventId;
        _random = new Random(seed);
        _slots = EventSlots.From(_config);
        _zone = TimeZoneInfo.FindSystemTimeZoneById(_config.TimeZone);
    }

    public static async Task RunAsync(int startups, int delegates, int seed, string? outFile, double liveRates = 1)
    {
        var root = RepoRoot.Find();
        var data = Path.Combine(Path.GetTempPath(), "matchmaker-week-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(root, data, 21020, 21021, 21022));
        var clock = new SimulatedClock();
        await using var app = MatchmakerHost.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Storage={azurite.Options.ConnectionString}", "--Demo:Seed=false", "--Mail:Development=false",
            "--Orleans:SiloPort=21131", "--Orleans:GatewayPort=21320", "--Logging:LogLevel:Default=Warning",
            // Orleans runs on the simulated clock too: its timers see every jump of it as lateness and say so.
            "--Logging:LogLevel:Orleans=Error",
        ], services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            // On a busy machine the first match table of 2,000 × 400 can take longer than Orleans' default 30 s to build.
            services.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            services.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
        });
        await app.StartAsync();
        var fair = SyntheticFair.Generate(startups, delegates, seed);
        // Proposals of the night before must be answerable in the morning: confirmations close an hour before a slot.
        fair = fair with { Config = fair.Config with { ConfirmationDeadlineHours = 1 } };
        var week = new EventWeekBenchmark(app, clock, fair, $"week-{startups}x{delegates}", seed, new WeekBehaviour().WithLiveRates(liveRates));
        await week.RunWeekAsync();
        if (outFile is not null) await File.WriteAllTextAsync(outFile, week._report.ToString());
        await app.StopAsync();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    private async Task RunWeekAsync()
    {
        var wall = Stopwatch.StartNew();
        var days = _config.Days;
        _clock.MoveTo(LocalTime(days[0].AddDays(-3), new TimeOnly(9, 0)));
        await ParticipantRegistration.RegisterAsync(_grains, _eventId, _fair.Startups, _fair.Delegates, _clock.GetUtcNow());
        await _grains.GetGrain<IEventGrain>(_eventId).CreateAsync(_config, Credentials.Hash("benchmark"));
        var requests = await SendRequestsAsync(_fair.Startups.Select(s => s.Id).ToList(), _behaviour.FirstRequests);
        Line($"{_fair.Startups.Count} startups × {_fair.Delegates.Count} delegates, {_slots.Count} slots, {_config.Tables} tables; before the event: {requests}; setup {wall.Elapsed.TotalSeconds:F0} s");
        Line(string.Create(CultureInfo.InvariantCulture, $"behaviour: proposal declined {_behaviour.ProposalDeclined:P2} per party, cancelled {_behaviour.Cancelled:P2}, startup absent {_behaviour.StartupAbsent:P2}, scout absent {_behaviour.ScoutAbsent:P2}, offer taken {_behaviour.OfferTaken:P0}"));

        var nights = new List<string>();
        var daysRows = new List<string>();
        for (var day = 0; day < days.Count; day++)
        {
            if (day > 0)
            {
                _clock.MoveTo(LocalTime(days[day - 1], new TimeOnly(18, 0)));
                var evening = await SendRequestsAsync(_fair.Startups.Where(_ => _random.NextDouble() < _behaviour.EveningRequesters).Select(s => s.Id).ToList(), (1, 1));
                Line($"evening of day {day}: {evening}");
            }
            _clock.MoveTo(LocalTime(days[day].AddDays(-1), new TimeOnly(22, 0)));
            nights.Add(await NightAsync(day + 1));
            Line(nights[^1]);
            daysRows.Add(await DayAsync(day));
            Line(daysRows[^1]);
        }

        Line("");
        Line("| night | batch s | meetings | accepted requests | placed | placeable (common free slot ahead) | unplaced: reasons | proposals open | confirmed kept / moved / dropped | new meetings in past slots (accepted requests among them) |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in nights) Line(row);
        Line("");
        Line("| day | proposals answered: confirmed by both / declined / left open | cancellations | no-shows: startup / scout | refills offered (cancel, no-show, decline) / taken | second takers refused | cancel or no-show → offer: median / p99 / max ms | morning decline → offer: median / p99 / max ms |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (var row in daysRows) Line(row);
        Line("");
        Line($"wall clock {wall.Elapsed.TotalMinutes:F1} min, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
    }

    private void Line(string text)
    {
        Console.WriteLine(text);
        _report.AppendLine(text);
    }

    private DateTimeOffset LocalTime(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }

    private DateTimeOffset StartOf(int slot) => EventSlots.StartsAt(_config, _slots[slot]);

    private static Actor StartupActor(string eventId, string id) => Actor.ParticipantOf(eventId, ParticipantKind.Startup, id);

    private static Actor ScoutActor(string eventId, string id) => Actor.ParticipantOf(eventId, ParticipantKind.Delegate, id);

    /// <summary>Startups ask scouts from their best-ranked; scouts answer at once, accepting while they have room.</summary>
    private async Task<string> SendRequestsAsync(IReadOnlyList<string> startups, (int Min, int Max) each)
    {
        var matches = _grains.GetGrain<IEventMatchesGrain>(_eventId);
        int sent = 0, refused = 0, accepted = 0, declined = 0;
        // Every list first, from one match table: each request sent changes the table, rebuilt in the background meanwhile.
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var startupId in startups)
            lists[startupId] = (await matches.ForStartupAsync(startupId, new MatchQuery(15, null, null, null)))?.Items.Select(m => m.Id).ToList() ?? [];
        foreach (var startupId in startups)
        {
            var ranked = lists[startupId];
            // Scouts the startup has been in touch with already (asked, met, cancelled, declined) are not asked again.
            var known = (await _grains.GetGrain<IStartupGrain>(GrainKeys.Participant(_eventId, startupId)).GetRequestsAsync()).Select(r => r.DelegateId).ToHashSet();
            var asked = ranked.Where(d => !known.Contains(d)).OrderBy(_ => _random.Next()).Take(_random.Next(each.Min, each.Max + 1)).ToList();
            foreach (var delegateId in asked)
            {
                try
                {
                    var outcome = await _mediator.Send(new SendRequest(StartupActor(_eventId, startupId), _eventId, startupId, delegateId, RequestSide.Startup, null, null));
                    if (outcome.Refusal != RequestRefusal.None) { refused++; continue; }
                }
                catch (Exception e) when (e is not OutOfMemoryException) { refused++; continue; }
                sent++;
                var room = _acceptedByScout.GetValueOrDefault(delegateId) < _behaviour.ScoutAcceptsUpTo;
                var draw = _random.NextDouble();
                var action = !room ? RequestAction.Decline
                    : draw < _behaviour.ScoutAccepts ? RequestAction.Accept
                    : draw < _behaviour.ScoutAccepts + _behaviour.ScoutDeclines ? RequestAction.Decline
                    : (RequestAction?)null;
                if (action is null) continue;
                await _mediator.Send(new RespondToRequest(ScoutActor(_eventId, delegateId), _eventId, MeetingRequest.IdOf(startupId, delegateId), action.Value, null));
                if (action == RequestAction.Accept) { accepted++; _acceptedByScout[delegateId] = _acceptedByScout.GetValueOrDefault(delegateId) + 1; }
                else declined++;
            }
        }
        return $"{sent} requests sent ({refused} refused), {accepted} accepted, {declined} declined";
    }

    private async Task<PublishedSchedule?> PublishedAsync()
    {
        var version = await _grains.GetGrain<IEventGrain>(_eventId).GetPublishedVersionAsync();
        return version == 0 ? null : await _grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(_eventId, version)).GetAsync();
    }

    private async Task<Dictionary<string, MeetingRequest>> RecordsAsync()
    {
        var records = new Dictionary<string, MeetingRequest>(StringComparer.Ordinal);
        foreach (var startup in _fair.Startups)
            foreach (var record in await _grains.GetGrain<IStartupGrain>(GrainKeys.Participant(_eventId, startup.Id)).GetRequestsAsync())
                records[record.Id] = record;
        return records;
    }

    /// <summary>The meetings both sides agreed to and nobody cancelled: published ones and refills taken since.</summary>
    private async Task<List<PublishedMeeting>> ConfirmedAsync(PublishedSchedule? schedule, Dictionary<string, MeetingRequest> records)
    {
        var refills = (await _grains.GetGrain<ILiveOpsGrain>(_eventId).GetOffersAsync()).Where(o => o.TakenBy is not null)
            .Select(o => new PublishedMeeting(o.MeetingId!, o.TakenBy!, o.DelegateId, o.Slot, o.Table, MeetingOrigin.Refill, 0));
        return (schedule?.Meetings ?? []).Concat(refills).DistinctBy(m => m.Id)
            .Where(m => records.GetValueOrDefault(m.Id)?.Status is not (RequestStatus.Declined or RequestStatus.Cancelled)
                        && (m.Origin is MeetingOrigin.Accepted or MeetingOrigin.Refill || records.GetValueOrDefault(m.Id)?.Status == RequestStatus.Accepted))
            .ToList();
    }

    private async Task<string> NightAsync(int night)
    {
        var now = _clock.GetUtcNow();
        var before = await PublishedAsync();
        var records = await RecordsAsync();
        var confirmed = await ConfirmedAsync(before, records);
        var accepted = records.Values.Where(r => r.Status == RequestStatus.Accepted && !r.IsProposal).ToList();

        var batch = _grains.GetGrain<IPairingBatchGrain>(_eventId);
        var started = await batch.StartAsync($"night {night}");
        var watch = Stopwatch.StartNew();
        BatchRun? run;
        do
        {
            await Task.Delay(250);
            run = await batch.GetRunAsync(started.RunId);
        } while (run?.Status == BatchStatus.Running);
        if (run?.Status != BatchStatus.Succeeded)
        {
            await ExplainClashAsync(run?.Error ?? "", before, records);
            throw new InvalidOperationException($"Night {night}: the batch ended {run?.Status}: {run?.Error}");
        }
        var after = (await PublishedAsync())!;
        var byId = after.Meetings.ToDictionary(m => m.Id);

        var previousIds = (before?.Meetings ?? []).Select(m => m.Id).Concat(confirmed.Select(m => m.Id)).ToHashSet();
        var inThePast = after.Meetings.Count(m => !previousIds.Contains(m.Id) && StartOf(m.Slot) <= now);
        var acceptedInThePast = accepted.Count(r => byId.TryGetValue(r.Id, out var m) && !previousIds.Contains(m.Id) && StartOf(m.Slot) <= now);
        // Placed: in the new schedule, in a slot still ahead (or already held there before tonight).
        var placed = accepted.Count(r => byId.TryGetValue(r.Id, out var m) && (StartOf(m.Slot) > now || previousIds.Contains(m.Id)));
        // Placeable: placed, or with a free slot in common still ahead and not refused for a cap.
        var free = _fair.Startups.Select(s => (s.Id, s.Availability)).Concat(_fair.Delegates.Select(d => (d.Id, d.Availability))).ToDictionary(p => p.Id, p => p.Availability);
        var ahead = _slots.Where(s => EventSlots.StartsAt(_config, s) > now).Select(s => s.Index).ToList();
        var unplaced = after.Quality.Unplaced.Select(u => (Id: u[..u.IndexOf(": ", StringComparison.Ordinal)], Reason: u[(u.IndexOf(": ", StringComparison.Ordinal) + 2)..])).ToList();
        var capped = unplaced.Where(u => u.Reason.Contains("cap", StringComparison.Ordinal)).Select(u => u.Id).ToHashSet();
        var placeable = accepted.Count(r => (byId.TryGetValue(r.Id, out var m) && (StartOf(m.Slot) > now || previousIds.Contains(m.Id)))
            || (!capped.Contains(r.Id) && ahead.Any(s => free[r.StartupId].Includes(s) && free[r.DelegateId].Includes(s))));
        var reasons = unplaced.GroupBy(u => u.Reason).Select(g => $"{g.Count()} {g.Key}").DefaultIfEmpty("none");
        var moved = confirmed.Count(m => byId.TryGetValue(m.Id, out var kept) && kept.Slot != m.Slot);
        var dropped = confirmed.Count(m => !byId.ContainsKey(m.Id));
        var open = after.Meetings.Count(m => m.Origin == MeetingOrigin.Recommended && records.GetValueOrDefault(m.Id)?.Status != RequestStatus.Accepted);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {night} | {watch.Elapsed.TotalSeconds:F1} | {after.Meetings.Count} | {accepted.Count} | {placed} | {placeable} | {string.Join("; ", reasons)} | {open} | {confirmed.Count - moved - dropped} / {moved} / {dropped} | {inThePast} ({acceptedInThePast}) |");
    }

    /// <summary>When the batch refuses a locked meeting, what else held its slot, table or parties.</summary>
    private async Task ExplainClashAsync(string error, PublishedSchedule? before, Dictionary<string, MeetingRequest> records)
    {
        var match = System.Text.RegularExpressions.Regex.Match(error, @"locked meeting (\S+)-(\S+) at slot (\d+) table (\d+)");
        if (!match.Success) return;
        var (startupId, delegateId, slot, table) = (match.Groups[1].Value, match.Groups[2].Value, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture));
        var live = _grains.GetGrain<ILiveOpsGrain>(_eventId);
        var offers = await live.GetOffersAsync();
        var noShows = await live.GetNoShowsAsync();
        var all = (before?.Meetings ?? []).Concat(offers.Where(o => o.TakenBy is not null)
            .Select(o => new PublishedMeeting(o.MeetingId!, o.TakenBy!, o.DelegateId, o.Slot, o.Table, MeetingOrigin.Refill, 0)));
        foreach (var m in all.Where(m => m.Slot == slot && (m.Table == table || m.StartupId == startupId || m.DelegateId == delegateId)))
            Console.Error.WriteLine($"  {m.Id} slot {m.Slot} table {m.Table} {m.Origin} record {records.GetValueOrDefault(m.Id)?.Status} {(records.GetValueOrDefault(m.Id)?.IsProposal == true ? "proposal" : "")} no-show {noShows.Any(n => n.MeetingId == m.Id)} offers {string.Join(",", offers.Where(o => o.FreedMeetingId == m.Id).Select(o => $"{o.OfferId}->{o.TakenBy}"))}");
        Console.Error.WriteLine($"  availability: {startupId} {_fair.Startups.First(x => x.Id == startupId).Availability.Includes(slot)}, {delegateId} {_fair.Delegates.First(x => x.Id == delegateId).Availability.Includes(slot)}");
    }

    private sealed class DayTally
    {
        public int Confirmed, Declined, LeftOpen, Cancellations, StartupAbsent, ScoutAbsent, TakenRefills, SecondRefused;
        public int OffersFromCancel, OffersFromNoShow, OffersFromDecline;
        public List<double> ToOffer { get; } = [];
        public List<double> DeclineToOffer { get; } = [];
    }

    private async Task<string> DayAsync(int day)
    {
        var tally = new DayTally();
        var date = _config.Days[day];
        _clock.MoveTo(LocalTime(date, new TimeOnly(7, 30)));
        await AnswerProposalsAsync(tally);

        var records = await RecordsAsync();
        var today = (await ConfirmedAsync(await PublishedAsync(), records)).Where(m => _slots[m.Slot].Date == date)
            .GroupBy(m => m.Slot).ToDictionary(g => g.Key, g => g.ToList());
        var slotsToday = _slots.Where(s => s.Date == date).Select(s => s.Index).ToList();
        // The first slot's cancellations come half an hour before the day starts.
        _clock.MoveTo(StartOf(slotsToday[0]).AddMinutes(-30));
        await CancelAsync(today.GetValueOrDefault(slotsToday[0]) ?? [], today, tally);
        for (var i = 0; i < slotsToday.Count; i++)
        {
            var slot = slotsToday[i];
            // 18 minutes before the next slot: its cancellations; 6 minutes into this one: its no-shows.
            _clock.MoveTo(StartOf(slot).AddMinutes(2));
            if (i + 1 < slotsToday.Count) await CancelAsync(today.GetValueOrDefault(slotsToday[i + 1]) ?? [], today, tally);
            _clock.MoveTo(StartOf(slot).AddMinutes(6));
            await NoShowsAsync(today.GetValueOrDefault(slot) ?? [], today, tally);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"| {day + 1} | {tally.Confirmed} / {tally.Declined} / {tally.LeftOpen} | {tally.Cancellations} | {tally.StartupAbsent} / {tally.ScoutAbsent} | {tally.OffersFromCancel + tally.OffersFromNoShow + tally.OffersFromDecline} ({tally.OffersFromCancel}, {tally.OffersFromNoShow}, {tally.OffersFromDecline}) / {tally.TakenRefills} | {tally.SecondRefused} | {Percentiles(tally.ToOffer)} | {Percentiles(tally.DeclineToOffer)} |");
    }

    private static string Percentiles(List<double> values)
    {
        if (values.Count == 0) return "–";
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{At(0.5):F0} / {At(0.99):F0} / {sorted[^1]:F0} (n = {sorted.Length})");
    }

    /// <summary>In the morning both parties answer the proposals still ahead, several at once as people do.</summary>
    private async Task AnswerProposalsAsync(DayTally tally)
    {
        var now = _clock.GetUtcNow();
        var schedule = await PublishedAsync();
        var records = await RecordsAsync();
        var proposals = (schedule?.Meetings ?? []).Where(m => m.Origin == MeetingOrigin.Recommended && records.GetValueOrDefault(m.Id)?.Status is null or RequestStatus.Pending
            && StartOf(m.Slot) - TimeSpan.FromHours(_config.ConfirmationDeadlineHours) > now && _answered.Add(m.Id)).ToList();
        // Draw every answer first, in order, so concurrency does not change what the seed decides.
        RequestAction? Draw() => _random.NextDouble() is var d && d < _behaviour.ProposalConfirmed ? RequestAction.Accept
            : d < _behaviour.ProposalConfirmed + _behaviour.ProposalDeclined ? RequestAction.Decline : null;
        // A proposed pair that has a pending request of its own is answered as that request: by its recipient alone.
        RequestSide? OnlyAnswers(PublishedMeeting m) => records.GetValueOrDefault(m.Id) is { Status: RequestStatus.Pending, IsProposal: false } r ? r.Recipient : null;
        var answers = proposals.Select(m => (Meeting: m, Startup: Draw(), Scout: Draw(), Only: OnlyAnswers(m))).ToList();
        var declineTimes = new System.Collections.Concurrent.ConcurrentBag<double>();
        int confirmed = 0, declined = 0;
        await Parallel.ForEachAsync(answers, new ParallelOptions { MaxDegreeOfParallelism = _behaviour.MorningConcurrency }, async (a, cancel) =>
        {
            var both = true;
            var parties = new[] { (Side: RequestSide.Startup, Actor: StartupActor(_eventId, a.Meeting.StartupId), Action: a.Startup), (Side: RequestSide.Delegate, Actor: ScoutActor(_eventId, a.Meeting.DelegateId), Action: a.Scout) }
                .Where(p => a.Only is null || p.Side == a.Only);
            foreach (var (_, actor, action) in parties)
            {
                if (action is null) { both = false; continue; }
                var watch = Stopwatch.StartNew();
                try
                {
                    await _mediator.Send(new RespondToRequest(actor, _eventId, a.Meeting.Id, action.Value, null), cancel);
                    if (action == RequestAction.Decline)
                    {
                        declineTimes.Add(watch.Elapsed.TotalMilliseconds);
                        Interlocked.Increment(ref declined);
                        both = false;
                        break;
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException) { both = false; break; }
            }
            if (both) Interlocked.Increment(ref confirmed);
        });
        tally.Confirmed = confirmed;
        tally.Declined = declined;
        tally.LeftOpen = answers.Count - confirmed - declined;
        tally.DeclineToOffer.AddRange(declineTimes);
        var offers = await _grains.GetGrain<ILiveOpsGrain>(_eventId).GetOffersAsync();
        var declinedIds = answers.Select(a => a.Meeting.Id).ToHashSet();
        foreach (var offer in offers.Where(o => declinedIds.Contains(o.FreedMeetingId)))
            await TakeAsync(offer, null, tally);
        tally.OffersFromDecline = offers.Count(o => declinedIds.Contains(o.FreedMeetingId));
    }

    /// <summary>One party cancels a few confirmed meetings of a slot shortly before it; the slot is offered at once.</summary>
    private async Task CancelAsync(List<PublishedMeeting> meetings, Dictionary<int, List<PublishedMeeting>> today, DayTally tally)
    {
        foreach (var meeting in meetings.Where(_ => _random.NextDouble() < _behaviour.Cancelled).ToList())
        {
            var actor = _random.Next(2) == 0 ? StartupActor(_eventId, meeting.StartupId) : ScoutActor(_eventId, meeting.DelegateId);
            var watch = Stopwatch.StartNew();
            await _mediator.Send(new RespondToRequest(actor, _eventId, meeting.Id, RequestAction.Cancel, "plans changed"));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            tally.Cancellations++;
            meetings.Remove(meeting);
            var offer = (await _grains.GetGrain<ILiveOpsGrain>(_eventId).GetOffersAsync()).FirstOrDefault(o => o.FreedMeetingId == meeting.Id);
            if (offer is null) continue;
            tally.ToOffer.Add(elapsed);
            tally.OffersFromCancel++;
            await TakeAsync(offer, today, tally);
        }
    }

    /// <summary>Six minutes into a slot, a few parties have not come; the other party reports it.</summary>
    private async Task NoShowsAsync(List<PublishedMeeting> meetings, Dictionary<int, List<PublishedMeeting>> today, DayTally tally)
    {
        foreach (var meeting in meetings.ToList())
        {
            var draw = _random.NextDouble();
            var absent = draw < _behaviour.StartupAbsent ? RequestSide.Startup
                : draw < _behaviour.StartupAbsent + _behaviour.ScoutAbsent ? RequestSide.Delegate : (RequestSide?)null;
            if (absent is null) continue;
            var reporter = absent == RequestSide.Startup ? ScoutActor(_eventId, meeting.DelegateId) : StartupActor(_eventId, meeting.StartupId);
            var watch = Stopwatch.StartNew();
            NoShowOutcome outcome;
            try { outcome = await _mediator.Send(new ReportNoShow(reporter, _eventId, meeting.Id, null)); }
            catch (Exception e) when (e is not OutOfMemoryException) { Console.Error.WriteLine($"no-show {meeting.Id}: {e.Message}"); continue; }
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (absent == RequestSide.Startup) tally.StartupAbsent++; else tally.ScoutAbsent++;
            if (outcome.Offer is null) continue;
            tally.ToOffer.Add(elapsed);
            tally.OffersFromNoShow++;
            await TakeAsync(outcome.Offer, today, tally);
        }
    }

    /// <summary>A standby candidate takes the offer (sometimes a second one tries at the same moment and must be refused).</summary>
    private async Task TakeAsync(RefillOffer offer, Dictionary<int, List<PublishedMeeting>>? today, DayTally tally)
    {
        var draw = _random.NextDouble();
        if (draw >= _behaviour.OfferTaken || offer.Candidates.Count == 0) return;
        var takers = offer.Candidates.OrderBy(_ => _random.Next()).Take(draw < _behaviour.OfferTaken * _behaviour.SecondTaker ? 2 : 1).ToList();
        var results = await Task.WhenAll(takers.Select(async startupId =>
        {
            try { return await _mediator.Send(new AcceptOffer(StartupActor(_eventId, startupId), _eventId, offer.OfferId)); }
            catch (Exception e) when (e is not OutOfMemoryException) { return null; }
        }));
        var taken = results.Where(r => r is not null).ToList();
        if (taken.Count > 1) throw new InvalidOperationException($"Offer {offer.OfferId} was taken {taken.Count} times.");
        tally.SecondRefused += takers.Count - taken.Count;
        if (taken.FirstOrDefault() is not { } refill) return;
        tally.TakenRefills++;
        // A refill taken ahead of its slot can itself be cancelled or missed later in the day.
        if (today is not null && StartOf(refill.Slot) > _clock.GetUtcNow())
        {
            if (!today.TryGetValue(refill.Slot, out var list)) today[refill.Slot] = list = [];
            list.Add(new PublishedMeeting(refill.MeetingId!, refill.TakenBy!, refill.DelegateId, refill.Slot, refill.Table, MeetingOrigin.Refill, 0));
        }
    }
}
