using System.Diagnostics;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Silo.Batch;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.batch-state")]
public sealed class BatchState
{
    [Id(0)] public List<BatchRun> Runs { get; set; } = [];
    [Id(1)] public int LastRunId { get; set; }
    /// <summary>A published version whose notices are not all delivered yet (0: none).</summary>
    [Id(2)] public int NotifyVersion { get; set; }
}

/// <summary>
/// Runs the event's pairing batch in the background, one run at a time, recording each phase before it starts.
/// A run found "running" when the grain activates belongs to a process that died: it is marked interrupted and a
/// new run takes over. Nothing a participant sees changes before the Publish phase flips the event's pointer.
/// </summary>
public sealed class PairingBatchGrain(
    [PersistentState("batch", StorageNames.Tables)] IPersistentState<BatchState> state,
    PairingPipeline pipeline,
    TimeProvider clock,
    ILogger<PairingBatchGrain> logger)
    : Grain, IPairingBatchGrain, IRemindable
{
    private const int KeptRuns = 30;
    private const int MaxResumes = 3;
    private const string NightlyReminder = "nightly-batch";
    /// <summary>Ticks while a run is in progress, so a run whose node died is resumed on another without anyone asking.</summary>
    private const string WatchdogReminder = "batch-watchdog";
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMinutes(1);
    private Task? _running;

    private string EventId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.NotifyVersion > 0)
        {
            // The version is published; only some notices may be missing. Finish them instead of running again.
            await NotifyAsync(state.State.NotifyVersion);
            if (state.State.Runs.FirstOrDefault(r => r.Status == BatchStatus.Running && r.Phase == BatchPhase.Notify) is { } notifying)
                await ReplaceAsync(notifying with { Status = BatchStatus.Succeeded, Phase = BatchPhase.Done, FinishedAt = clock.GetUtcNow() });
        }
        if (state.State.Runs.FirstOrDefault(r => r.Status == BatchStatus.Running) is { } orphan)
        {
            logger.LogWarning("Batch run {Run} of event {Event} was interrupted in phase {Phase}; starting a new run.", orphan.RunId, EventId, orphan.Phase);
            await ReplaceAsync(orphan with { Status = BatchStatus.Interrupted, FinishedAt = clock.GetUtcNow(), Error = $"The process stopped during {orphan.Phase}." });
            // A run that takes the process down every time must not do so forever: after three in a row, wait for the organiser.
            if (state.State.Runs.TakeWhile(r => r.Status == BatchStatus.Interrupted).Count() < MaxResumes)
                await StartAsync($"resume after run {orphan.RunId}");
        }
    }

    public async Task<BatchRun> StartAsync(string trigger)
    {
        if (_running is { IsCompleted: false } && state.State.Runs.FirstOrDefault(r => r.Status == BatchStatus.Running) is { } current)
            return current;

        var run = new BatchRun(++state.State.LastRunId, EventId, trigger, BatchStatus.Running, BatchPhase.Snapshot,
            clock.GetUtcNow(), null, null, null, new Dictionary<string, double>(), null);
        state.State.Runs.Insert(0, run);
        if (state.State.Runs.Count > KeptRuns) state.State.Runs.RemoveRange(KeptRuns, state.State.Runs.Count - KeptRuns);
        await state.WriteStateAsync();
        // A run outlives the call that started it; keep the activation until it ends.
        DelayDeactivation(TimeSpan.FromHours(2));
        await this.RegisterOrUpdateReminder(WatchdogReminder, WatchdogPeriod, WatchdogPeriod);
        _running = RunAsync(run);
        return run;
    }

    public Task<BatchRun?> GetRunAsync(int runId) => Task.FromResult(state.State.Runs.FirstOrDefault(r => r.RunId == runId));

    public Task<IReadOnlyList<BatchRun>> GetRunsAsync() => Task.FromResult<IReadOnlyList<BatchRun>>(state.State.Runs.ToList());

    public async Task ScheduleNightlyAsync(string timeZone, TimeOnly? at)
    {
        if (at is null)
        {
            if (await this.GetReminder(NightlyReminder) is { } existing) await this.UnregisterReminder(existing);
            return;
        }
        var due = NightlySchedule.NextRun(timeZone, at.Value, clock.GetUtcNow()) - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(NightlyReminder, due, TimeSpan.FromDays(1));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Waking this grain was the point: an orphaned run was resumed while it activated.
        if (reminderName == WatchdogReminder)
        {
            if (_running is not { IsCompleted: false }) await StopWatchdogAsync();
            return;
        }
        if (reminderName != NightlyReminder) return;
        await StartAsync("nightly");
        // Re-aim at the local time, which a daylight-saving change would otherwise shift by an hour.
        if (await GrainFactory.GetGrain<IEventGrain>(EventId).GetConfigAsync() is { } config)
            await ScheduleNightlyAsync(config.TimeZone, config.NightlyBatchAt);
    }

    private async Task RunAsync(BatchRun run)
    {
        var seconds = new Dictionary<string, double>();
        var clockTime = Stopwatch.StartNew();
        async Task<T> PhaseAsync<T>(BatchPhase phase, Func<Task<T>> work)
        {
            run = run with { Phase = phase, PhaseSeconds = new Dictionary<string, double>(seconds) };
            await ReplaceAsync(run);
            pipeline.CrashIfAskedBefore(phase);
            await pipeline.HoldIfAskedBeforeAsync(phase, EventId, run.RunId);
            var started = clockTime.Elapsed;
            var result = await work();
            seconds[phase.ToString().ToLowerInvariant()] = Math.Round((clockTime.Elapsed - started).TotalSeconds, 3);
            return result;
        }

        try
        {
            var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var snapshot = await PhaseAsync(BatchPhase.Snapshot, () => pipeline.SnapshotAsync(EventId));
            var model = await PhaseAsync(BatchPhase.Retrain, () => pipeline.ChooseModelAsync(snapshot, asOf));
            var scores = await PhaseAsync(BatchPhase.Score, () => Task.Run(() => pipeline.Score(snapshot, model.Model, asOf)));
            var schedule = await PhaseAsync(BatchPhase.Schedule, () => Task.Run(() => pipeline.Plan(snapshot, scores, clock.GetUtcNow())));
            await PhaseAsync(BatchPhase.Write, async () => { await pipeline.WriteAsync(schedule); return true; });
            await PhaseAsync(BatchPhase.Publish, async () =>
            {
                // Recorded before the flip, so a process that dies right after it still owes these notices.
                state.State.NotifyVersion = schedule.Version;
                await state.WriteStateAsync();
                await pipeline.PublishAsync(schedule);
                return true;
            });
            await PhaseAsync(BatchPhase.Notify, async () => { await NotifyAsync(schedule.Version); return true; });
            run = run with
            {
                Status = BatchStatus.Succeeded, Phase = BatchPhase.Done, FinishedAt = clock.GetUtcNow(), Version = schedule.Version,
                Quality = schedule.Quality, PhaseSeconds = seconds, ModelUsed = model.Description,
            };
            logger.LogInformation("Batch run {Run} of event {Event} published version {Version}: {Meetings} meetings.",
                run.RunId, EventId, schedule.Version, schedule.Quality.Meetings);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Batch run {Run} of event {Event} failed in phase {Phase}.", run.RunId, EventId, run.Phase);
            run = run with { Status = BatchStatus.Failed, FinishedAt = clock.GetUtcNow(), PhaseSeconds = seconds, Error = $"{run.Phase}: {ex.Message}" };
        }
        await ReplaceAsync(run);
        await StopWatchdogAsync();
    }

    private async Task StopWatchdogAsync()
    {
        try
        {
            if (await this.GetReminder(WatchdogReminder) is { } watchdog) await this.UnregisterReminder(watchdog);
        }
        catch (Exception ex)
        {
            // A tick that finds no run stops it later.
            logger.LogWarning(ex, "The batch watchdog of event {Event} could not be stopped now.", EventId);
        }
    }

    /// <summary>
    /// Tells everyone whose agenda the version changed, then starts the meeting reminders. Notice ids name the
    /// version, so finishing an interrupted round delivers nothing twice.
    /// </summary>
    private async Task NotifyAsync(int version)
    {
        try
        {
            var published = await GrainFactory.GetGrain<IEventGrain>(EventId).GetPublishedVersionAsync();
            if (published == version && await GrainFactory.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(EventId, version)).GetAsync() is { } schedule)
                foreach (var chunk in NoticeRules.ForSchedule(schedule, clock.GetUtcNow()).Chunk(256))
                    await GrainFactory.DeliverAsync(EventId, chunk);
            await GrainFactory.GetGrain<IMeetingRemindersGrain>(EventId).StartAsync();
            state.State.NotifyVersion = 0;
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Published is published: the notices are finished when the grain next activates.
            logger.LogWarning(ex, "Notices for version {Version} of event {Event} are incomplete; they are finished on the next activation.", version, EventId);
        }
    }

    private async Task ReplaceAsync(BatchRun run)
    {
        var index = state.State.Runs.FindIndex(r => r.RunId == run.RunId);
        if (index >= 0) state.State.Runs[index] = run;
        await state.WriteStateAsync();
    }
}
