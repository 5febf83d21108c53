using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Live;
using Matchmaker.Model.Notices;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.live-ops-state")]
public sealed class LiveOpsState
{
    [Id(0)] public Dictionary<string, RefillOffer> Offers { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, CheckIn> CheckIns { get; set; } = new(StringComparer.Ordinal);
    /// <summary>By meeting id: one report per meeting.</summary>
    [Id(2)] public Dictionary<string, NoShow> NoShows { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One per event, so taking an offer is a single-threaded step: two startups accepting at once get one "yes" and
/// one "taken". Blob storage, since the day's offers and check-ins grow with the event.
/// </summary>
public sealed class LiveOpsGrain(
    [PersistentState("live", StorageNames.Blobs)] IPersistentState<LiveOpsState> state,
    TimeProvider clock,
    ILogger<LiveOpsGrain> logger)
    : Grain, ILiveOpsGrain
{
    public async Task<RefillOffer> OfferAsync(RefillOffer offer)
    {
        if (state.State.Offers.TryGetValue(offer.OfferId, out var existing)) return existing;
        state.State.Offers[offer.OfferId] = offer;
        await state.WriteOrRevertAsync(DeactivateOnIdle);
        // The offer stands without its notices: candidates also see it on their offers page.
        try { await GrainFactory.DeliverAsync(this.GetPrimaryKeyString(), NoticeRules.ForOffer(offer)); }
        catch (Exception ex) { logger.LogWarning(ex, "Notices of offer {Offer} were not delivered.", offer.OfferId); }
        return offer;
    }

    public async Task<(RefillOffer? Taken, Message? Refusal)> TakeAsync(string offerId, string startupId)
    {
        if (!state.State.Offers.TryGetValue(offerId, out var offer)) return (null, Phrases.NoSuchOffer.With(offerId));
        var (taken, refusal) = StandbyRules.Take(offer, startupId, clock.GetUtcNow());
        if (taken is null || ReferenceEquals(taken, offer)) return (taken, refusal);
        state.State.Offers[offerId] = taken;
        await state.WriteOrRevertAsync(DeactivateOnIdle);
        return (taken, null);
    }

    public async Task CheckInAsync(CheckIn checkIn)
    {
        var key = $"{checkIn.MeetingId}:{checkIn.Side}";
        if (state.State.CheckIns.ContainsKey(key)) return;
        state.State.CheckIns[key] = checkIn;
        await state.WriteOrRevertAsync(DeactivateOnIdle);
    }

    public async Task<(NoShow? Recorded, Message? Refusal)> MarkNoShowAsync(NoShow report, DateTimeOffset slotStart)
    {
        var (recorded, refusal) = NoShowRules.Mark(report, slotStart, state.State.NoShows.GetValueOrDefault(report.MeetingId), state.State.CheckIns.Values);
        if (recorded is null || !ReferenceEquals(recorded, report)) return (recorded, refusal);
        state.State.NoShows[report.MeetingId] = report;
        await state.WriteOrRevertAsync(DeactivateOnIdle);
        return (report, null);
    }

    public Task<IReadOnlyList<NoShow>> GetNoShowsAsync() =>
        Task.FromResult<IReadOnlyList<NoShow>>(state.State.NoShows.Values.OrderBy(n => n.At).ToList());

    public Task<IReadOnlyList<RefillOffer>> GetOffersAsync() =>
        Task.FromResult<IReadOnlyList<RefillOffer>>(state.State.Offers.Values.OrderByDescending(o => o.CreatedAt).ToList());

    public Task<IReadOnlyList<CheckIn>> GetCheckInsAsync() =>
        Task.FromResult<IReadOnlyList<CheckIn>>(state.State.CheckIns.Values.OrderBy(c => c.At).ToList());
}
