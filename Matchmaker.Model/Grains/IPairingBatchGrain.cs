using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Model.Grains;

[GenerateSerializer, Alias("matchmaker.batch-status")]
public enum BatchStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
    /// <summary>The process stopped mid-run; the published schedule stayed as it was and a new run took over.</summary>
    Interrupted = 3,
}

/// <summary>The steps of a run, in order; only <see cref="Publish"/> changes what participants see.</summary>
[GenerateSerializer, Alias("matchmaker.batch-phase")]
public enum BatchPhase
{
    Snapshot = 0,
    Retrain = 1,
    Score = 2,
    Schedule = 3,
    Write = 4,
    Publish = 5,
    Done = 6,
    /// <summary>After publishing: notices to everyone whose agenda changed.</summary>
    Notify = 7,
}

/// <summary>One run of the pairing batch: where it is, and once done, what it published and how good it is.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.batch-run")]
public sealed record BatchRun(
    [property: Id(0)] int RunId,
    [property: Id(1)] string EventId,
    [property: Id(2)] string Trigger,
    [property: Id(3)] BatchStatus Status,
    [property: Id(4)] BatchPhase Phase,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] DateTimeOffset? FinishedAt,
    [property: Id(7)] int? Version,
    [property: Id(8)] ScheduleQuality? Quality,
    [property: Id(9)] IReadOnlyDictionary<string, double> PhaseSeconds,
    [property: Id(10)] string? Error,
    [property: Id(11)] string? ModelUsed = null)
{
    /// <summary>Rough progress for a progress bar: the share of phases finished.</summary>
    public int Percent => Status == BatchStatus.Succeeded ? 100 : (int)Phase * 100 / (int)BatchPhase.Done;
}

/// <summary>The event's pairing batch: one run at a time, on demand or nightly by reminder. Key: event id.</summary>
public interface IPairingBatchGrain : IGrainWithStringKey
{
    /// <summary>Starts a run, or returns the one already running.</summary>
    Task<BatchRun> StartAsync(string trigger);

    /// <summary>A run by id, or null.</summary>
    Task<BatchRun?> GetRunAsync(int runId);

    /// <summary>Recent runs, newest first.</summary>
    Task<IReadOnlyList<BatchRun>> GetRunsAsync();

    /// <summary>(Re)registers the nightly reminder at a local time in the event's time zone, or removes it when null.</summary>
    Task ScheduleNightlyAsync(string timeZone, TimeOnly? at);
}
