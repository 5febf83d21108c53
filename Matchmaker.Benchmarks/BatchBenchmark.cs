using Matchmaker.Model.Access;
using System.Diagnostics;
using System.Globalization;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Import;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Model.Ranking;
using Matchmaker.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Benchmarks;

/// <summary>
/// The pairing batch end to end, as the service runs it: a real Azurite, the real host with its Orleans silo,
/// a seeded synthetic event registered through the grains, then one batch run; prints seconds per phase and peak memory.
/// </summary>
public static class BatchBenchmark
{
    public static async Task RunAsync(int startups, int delegates, int seed)
    {
        var root = RepoRoot.Find();
        var data = Path.Combine(Path.GetTempPath(), "matchmaker-bench-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(root, data, 21000, 21001, 21002));
        await using var app = MatchmakerHost.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Storage={azurite.Options.ConnectionString}", "--Demo:Seed=false", "--Mail:Development=false",
            "--Orleans:SiloPort=21111", "--Orleans:GatewayPort=21300", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IGrainFactory>();

        var synthetic = SyntheticFair.Generate(startups, delegates, seed);
        var eventId = $"bench-{startups}x{delegates}";
        var large = !new MatchScale().Dense(delegates, startups);
        var setup = Stopwatch.StartNew();
        Memory.ResetPeak();
        await ParticipantRegistration.RegisterAsync(grains, eventId, synthetic.Startups, synthetic.Delegates, DateTimeOffset.UtcNow);
        await grains.GetGrain<IEventGrain>(eventId).CreateAsync(synthetic.Config, Credentials.Hash("benchmark"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"phase import: {startups + delegates} participants in {setup.Elapsed.TotalSeconds:F1} s, peak {Memory.PeakMegabytes()} MB, load {Memory.LoadAverage()}"));
        setup.Restart();
        Memory.ResetPeak();
        await Parallel.ForEachAsync(synthetic.AcceptedRequests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (pair, _) =>
        {
            var (startupId, delegateId) = pair;
            var startup = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, startupId));
            var sent = await startup.RequestMeetingAsync(Actor.ParticipantOf(eventId, ParticipantKind.Startup, startupId),
                new NewRequest(delegateId, RequestSide.Startup, null, null, int.MaxValue));
            if (sent.Refusal == RequestRefusal.None)
                await startup.RespondAsync(Actor.ParticipantOf(eventId, ParticipantKind.Delegate, delegateId), delegateId, RequestAction.Accept, null);
        });
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"phase requests: {synthetic.AcceptedRequests.Count} accepted requests in {setup.Elapsed.TotalSeconds:F1} s, peak {Memory.PeakMegabytes()} MB, load {Memory.LoadAverage()}"));

        var batch = grains.GetGrain<IPairingBatchGrain>(eventId);
        // At CES size one run is the measurement (a rerun costs as much again); smaller sizes also show the rerun.
        foreach (var run in large ? ["first run"] : new[] { "first run", "rerun" })
        {
            Memory.ResetPeak();
            var started = await batch.StartAsync("benchmark");
            var clock = Stopwatch.StartNew();
            var peakOfPhase = new Dictionary<BatchPhase, long>();
            BatchRun? result;
            do
            {
                await Task.Delay(250);
                result = await batch.GetRunAsync(started.RunId);
                // Sampled every 250 ms: the resident size while the run was in each phase.
                if (result is not null) peakOfPhase[result.Phase] = Math.Max(peakOfPhase.GetValueOrDefault(result.Phase), Memory.ResidentMegabytes());
            } while (result?.Status == BatchStatus.Running);
            var q = result!.Quality;
            var phases = string.Join(" | ", new[] { "snapshot", "retrain", "score", "schedule", "write", "publish", "notify" }
                .Select(p => result.PhaseSeconds.GetValueOrDefault(p).ToString("F2", CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {startups}×{delegates} {run} | {result.Status} | {phases} | {clock.Elapsed.TotalSeconds:F1} | {q?.Meetings} | {q?.MustMeetsText()} | {q?.TotalBreaks} | {q?.Moved} | {Memory.PeakMegabytes()} MB |"));
            Console.Error.WriteLine($"batch {run}: {result.Error} resident MB by phase (sampled): {string.Join(", ", peakOfPhase.Select(p => $"{p.Key} {p.Value}"))}; load {Memory.LoadAverage()}");
        }
        await MeasureAgendasAsync(app.Services.GetRequiredService<Mediator.IMediator>(), eventId, synthetic);
        if (large)
        {
            Console.Error.WriteLine("refills not measured at this size: they read the match grain's table, built there on the first read");
            await app.StopAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
            return;
        }
        await MeasureRefillsAsync(grains, eventId, startups, delegates);
        await app.StopAsync();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Time from a cancellation to the offer of its slot to standby startups: the cancel as the API does it, then
    /// the offer, for accepted meetings still ahead (one per scout, up to 20).
    /// </summary>
    private static async Task MeasureRefillsAsync(IGrainFactory grains, string eventId, int startups, int delegates)
    {
        var version = await grains.GetGrain<IEventGrain>(eventId).GetPublishedVersionAsync();
        var schedule = await grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(eventId, version)).GetAsync();
        var timings = new List<double>();
        var offered = 0;
        foreach (var meeting in schedule!.Meetings.Where(m => m.Origin == MeetingOrigin.Accepted).DistinctBy(m => m.DelegateId).Take(20))
        {
            var clock = Stopwatch.StartNew();
            await grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, meeting.StartupId))
                .RespondAsync(Actor.ParticipantOf(eventId, ParticipantKind.Delegate, meeting.DelegateId), meeting.DelegateId, RequestAction.Cancel, null);
            if (await Matchmaker.Api.Features.Live.Refills.OfferFreedSlotAsync(grains, eventId, meeting.Id, DateTimeOffset.UtcNow) is not null) offered++;
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }
        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"refills {startups}×{delegates}: {timings.Count} cancellations, {offered} offered; cancellation to offer median {timings[timings.Count / 2]:F0} ms, max {timings[^1]:F0} ms"));
    }

    /// <summary>Every participant's agenda as the API reads it (the participant asking), 16 at a time.</summary>
    private static async Task MeasureAgendasAsync(Mediator.IMediator mediator, string eventId, SyntheticFair synthetic)
    {
        Memory.ResetPeak();
        var clock = Stopwatch.StartNew();
        var meetings = 0L;
        var readers = synthetic.Startups.Select(s => (ParticipantKind.Startup, s.Id)).Concat(synthetic.Delegates.Select(d => (ParticipantKind.Delegate, d.Id))).ToList();
        await Parallel.ForEachAsync(readers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (reader, cancel) =>
        {
            var (kind, id) = reader;
            var agenda = await mediator.Send(new Matchmaker.Api.Features.Agendas.GetAgenda(Actor.ParticipantOf(eventId, kind, id), eventId, kind, id), cancel);
            Interlocked.Add(ref meetings, agenda.Meetings.Count);
        });
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"phase agendas: {readers.Count} agendas ({meetings} meeting entries) in {clock.Elapsed.TotalSeconds:F1} s, peak {Memory.PeakMegabytes()} MB, load {Memory.LoadAverage()}"));
    }

    private static string MustMeetsText(this ScheduleQuality quality) => $"{quality.MustMeetsPlaced}/{quality.MustMeets}";
}
