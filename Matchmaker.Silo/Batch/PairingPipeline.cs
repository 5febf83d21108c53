using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Model.PublishedSchedules;
using Matchmaker.Model.Scheduling.Events;
using Matchmaker.Silo.Ranking;

namespace Matchmaker.Silo.Batch;

/// <summary>The model a run ranks with, and how it was chosen.</summary>
public sealed record ChosenModel(RankingModel Model, string Description);

/// <summary>The work of each phase of the pairing batch; the grain decides the order and records progress.</summary>
public sealed class PairingPipeline(IGrainFactory grains, RankingModels models, IConfiguration configuration, ILogger<PairingPipeline> logger)
{
    /// <summary>
    /// Failure injection for crash-safety tests: with <c>Batch:CrashBefore=Publish</c> (a phase name) the process
    /// dies on the spot, as a power cut would, when a run reaches that phase. Unset in normal use.
    /// </summary>
    public void CrashIfAskedBefore(BatchPhase phase)
    {
        if (string.Equals(configuration["Batch:CrashBefore"], phase.ToString(), StringComparison.OrdinalIgnoreCase))
            Environment.FailFast($"Batch:CrashBefore={phase}: failure injected for a crash-safety test.");
    }

    /// <summary>
    /// Failure injection for cluster fault tests: with <c>Batch:HoldBefore=Publish</c> a run waits
    /// <c>Batch:HoldSeconds</c> (default 30) when it reaches that phase (only run <c>Batch:HoldRun</c> when set), and
    /// says so, so a test can kill the node that runs it at a known point. Unset in normal use.
    /// </summary>
    public async Task HoldIfAskedBeforeAsync(BatchPhase phase, string eventId, int runId)
    {
        if (!string.Equals(configuration["Batch:HoldBefore"], phase.ToString(), StringComparison.OrdinalIgnoreCase)) return;
        if (configuration.GetValue<int?>("Batch:HoldRun") is { } only && only != runId) return;
        var seconds = configuration.GetValue("Batch:HoldSeconds", 30);
        logger.LogWarning("Batch run {Run} of event {Event} holds {Seconds} s before {Phase} (Batch:HoldBefore): failure injection.", runId, eventId, seconds, phase);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }

    public Task<EventSnapshot> SnapshotAsync(string eventId) => EventSnapshot.TakeAsync(grains, eventId, CancellationToken.None);

    /// <summary>Retrains from the event's own signals; the new model is used only when it ranks held-out signals better.</summary>
    public async Task<ChosenModel> ChooseModelAsync(EventSnapshot snapshot, DateOnly asOf)
    {
        var (current, description) = await models.ForEventAsync(snapshot.EventId);
        var signals = EventSignals.From(snapshot.Requests, snapshot.Feedback);
        if (signals.Count == 0) return new ChosenModel(current, $"{description}; no event signals yet");

        var result = await Task.Run(() => EventRetraining.Retrain(current, snapshot.RankingDelegates(), snapshot.RankingStartups(), signals, asOf));
        if (!result.UseCandidate) return new ChosenModel(current, $"{description}; retraining not used: {result.Why}");

        var version = await models.SaveEventModelAsync(snapshot.EventId, result.Candidate);
        await grains.GetGrain<IEventMatchesGrain>(snapshot.EventId).NoteChangeAsync(MatchChange.Everything);
        logger.LogInformation("Event {Event} retrained its ranking model: v{Version}. {Why}", snapshot.EventId, version, result.Why);
        return new ChosenModel(result.Candidate,
            $"event model v{version}: NDCG@10 {result.CandidateNdcgAt10:F3} against {result.DefaultNdcgAt10:F3} on held-out signals");
    }

    public IRankedMatches Score(EventSnapshot snapshot, RankingModel model, DateOnly asOf) =>
        snapshot.MatchTable(model, asOf, MatchSettings.Scale(configuration));

    /// <summary>
    /// The next schedule version, within the configured time budget (Batch:ScheduleSeconds, default 60); events
    /// with at most Batch:ExactMaxParticipants participants (default 150) get the exact placement.
    /// </summary>
    public PublishedSchedule Plan(EventSnapshot snapshot, IRankedMatches matches, DateTimeOffset now) =>
        SchedulePlanner.Plan(snapshot, matches, TimeSpan.FromSeconds(configuration.GetValue("Batch:ScheduleSeconds", 60.0)), now,
            new ExactPlacementOptions(configuration.GetValue("Batch:ExactMaxParticipants", ExactPlacementOptions.DefaultMaxParticipants)));

    public Task WriteAsync(PublishedSchedule schedule) =>
        grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(schedule.EventId, schedule.Version)).SaveAsync(schedule);

    /// <summary>The only step participants can see: the event's pointer moves to the new version.</summary>
    public async Task PublishAsync(PublishedSchedule schedule)
    {
        await grains.GetGrain<IEventGrain>(schedule.EventId).PublishScheduleAsync(schedule.Version);
        await grains.GetGrain<IEventMatchesGrain>(schedule.EventId).NoteChangeAsync(MatchChange.Everything);
    }
}
