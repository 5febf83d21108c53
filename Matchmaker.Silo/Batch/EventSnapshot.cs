using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;
using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Silo.Batch;

/// <summary>Everything the batch reads, taken once at the start so every later phase works on the same picture.</summary>
public sealed record EventSnapshot(
    string EventId,
    EventConfig Config,
    IReadOnlyList<StartupDocument> Startups,
    IReadOnlyList<DelegateDocument> Delegates,
    IReadOnlyList<MeetingRequest> Requests,
    IReadOnlyList<MeetingFeedback> Feedback,
    PublishedSchedule? Published,
    IReadOnlyList<PublishedMeeting> Refills)
{
    private const int ParallelReads = 32;

    /// <summary>The delegates as the ranking takes them.</summary>
    public IReadOnlyList<EventDelegate> RankingDelegates() => Delegates.Select(d => new EventDelegate(d.Id, d.Profile)).ToList();

    /// <summary>The startups as the ranking takes them.</summary>
    public IReadOnlyList<EventStartup> RankingStartups() => Startups.Select(s => new EventStartup(s.Id, s.Profile)).ToList();

    /// <summary>
    /// Every pair ranked in both directions with this snapshot's requests and feedback; above the scale's dense size only
    /// the candidate pairs, in partitions (null scale: the defaults).
    /// </summary>
    public IRankedMatches MatchTable(RankingModel model, DateOnly asOf, MatchScale? scale = null) =>
        (scale ?? new MatchScale()).Build(model, RankingDelegates(), RankingStartups(), EventSignals.From(Requests, Feedback), asOf);

    public static async Task<EventSnapshot> TakeAsync(IGrainFactory grains, string eventId, CancellationToken cancel)
    {
        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        var config = await eventGrain.GetConfigAsync() ?? throw new InvalidOperationException($"Event '{eventId}' is not configured.");
        var startupIds = await eventGrain.GetParticipantIdsAsync(ParticipantKind.Startup);
        var delegateIds = await eventGrain.GetParticipantIdsAsync(ParticipantKind.Delegate);

        var startups = new StartupDocument?[startupIds.Count];
        var requests = new IReadOnlyList<MeetingRequest>[startupIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, startupIds.Count), Options(cancel), async (i, _) =>
        {
            var grain = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, startupIds[i]));
            startups[i] = await grain.GetAsync();
            requests[i] = await grain.GetRequestsAsync();
        });
        var delegates = new DelegateDocument?[delegateIds.Count];
        var feedback = new IReadOnlyList<MeetingFeedback>[delegateIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, delegateIds.Count), Options(cancel), async (i, _) =>
        {
            var grain = grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, delegateIds[i]));
            delegates[i] = await grain.GetAsync();
            feedback[i] = await grain.GetFeedbackAsync();
        });

        var refills = (await grains.GetGrain<ILiveOpsGrain>(eventId).GetOffersAsync())
            .Where(o => o.TakenBy is not null)
            .Select(o => new PublishedMeeting(o.MeetingId!, o.TakenBy!, o.DelegateId, o.Slot, o.Table, MeetingOrigin.Refill, 0))
            .ToList();
        var version = await eventGrain.GetPublishedVersionAsync();
        var published = version == 0 ? null : await grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(eventId, version)).GetAsync();
        return new EventSnapshot(eventId, config,
            startups.OfType<StartupDocument>().ToList(),
            delegates.OfType<DelegateDocument>().ToList(),
            requests.SelectMany(r => r).ToList(),
            feedback.SelectMany(f => f).ToList(),
            published,
            refills);
    }

    private static ParallelOptions Options(CancellationToken cancel) => new() { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancel };
}
