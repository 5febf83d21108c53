using Matchmaker.Model.Domain;
using Matchmaker.Model.Live;

namespace Matchmaker.Model.Grains;

/// <summary>What happens on the floor during the event: check-ins, no-shows, and freed slots offered to standby startups. Key: event id.</summary>
public interface ILiveOpsGrain : IGrainWithStringKey
{
    /// <summary>Stores an offer for a freed slot; an offer for the same freed meeting is kept as it was.</summary>
    Task<RefillOffer> OfferAsync(RefillOffer offer);

    /// <summary>The first candidate to take an open offer gets the slot; later ones are refused with the reason.</summary>
    Task<(RefillOffer? Taken, Message? Refusal)> TakeAsync(string offerId, string startupId);

    /// <summary>Marks a party's arrival at a meeting.</summary>
    Task CheckInAsync(CheckIn checkIn);

    /// <summary>
    /// Records that a party did not come to a meeting starting at <paramref name="slotStart"/>, unless
    /// <see cref="NoShowRules.Mark"/> refuses (too early, checked in, the other side already reported); atomic with check-ins.
    /// </summary>
    Task<(NoShow? Recorded, Message? Refusal)> MarkNoShowAsync(NoShow report, DateTimeOffset slotStart);

    /// <summary>Every no-show, in the order they were reported.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<NoShow>> GetNoShowsAsync();

    /// <summary>Every offer, newest first.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RefillOffer>> GetOffersAsync();

    /// <summary>Every check-in.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<CheckIn>> GetCheckInsAsync();
}
