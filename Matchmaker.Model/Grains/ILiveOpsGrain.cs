using Matchmaker.Model.Live;

namespace Matchmaker.Model.Grains;

/// <summary>What happens on the floor during the event: check-ins, and freed slots offered to standby startups. Key: event id.</summary>
public interface ILiveOpsGrain : IGrainWithStringKey
{
    /// <summary>Stores an offer for a freed slot; an offer for the same freed meeting is kept as it was.</summary>
    Task<RefillOffer> OfferAsync(RefillOffer offer);

    /// <summary>The first candidate to take an open offer gets the slot; later ones are refused with the reason.</summary>
    Task<(RefillOffer? Taken, string? Refusal)> TakeAsync(string offerId, string startupId);

    /// <summary>Marks a party's arrival at a meeting.</summary>
    Task CheckInAsync(CheckIn checkIn);

    /// <summary>Every offer, newest first.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RefillOffer>> GetOffersAsync();

    /// <summary>Every check-in.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<CheckIn>> GetCheckInsAsync();
}
