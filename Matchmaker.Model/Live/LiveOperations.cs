using System.Globalization;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Live;

/// <summary>
/// A freed slot offered to standby startups: the first candidate to accept gets it. Ids are the freed meeting's,
/// so freeing the same meeting twice makes one offer.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.refill-offer")]
public sealed record RefillOffer(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string FreedMeetingId,
    [property: Id(2)] string DelegateId,
    [property: Id(3)] int Slot,
    [property: Id(4)] int Table,
    [property: Id(5)] IReadOnlyList<string> Candidates,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] string? TakenBy = null,
    [property: Id(9)] DateTimeOffset? TakenAt = null)
{
    /// <summary>The meeting a taken offer became.</summary>
    public string? MeetingId => TakenBy is null ? null : MeetingRequest.IdOf(TakenBy, DelegateId);

    public bool IsOpen(DateTimeOffset now) => TakenBy is null && now < ExpiresAt;
}

/// <summary>A party's arrival at its table, marked by itself or by the organiser.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.check-in")]
public sealed record CheckIn(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] RequestSide Side,
    [property: Id(2)] DateTimeOffset At);

/// <summary>Who gets a freed slot, and when an offer of it may be taken.</summary>
public static class StandbyRules
{
    /// <summary>How many standby startups one freed slot is offered to at once.</summary>
    public const int OfferedTo = 3;

    /// <summary>An offer stays open this long, and never past the slot's start.</summary>
    public static readonly TimeSpan OfferLifetime = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The best-ranked startups for the delegate that could take the slot: free then, under their cap, and never
    /// in touch with this delegate before (no meeting, no request, nothing declined).
    /// </summary>
    public static IReadOnlyList<string> Candidates(IEnumerable<string> rankedForDelegate, Func<string, bool> freeAndUnderCap, Func<string, bool> alreadyInTouch) =>
        rankedForDelegate.Where(s => !alreadyInTouch(s) && freeAndUnderCap(s)).Take(OfferedTo).ToList();

    public static DateTimeOffset ExpiryOf(DateTimeOffset slotStart, DateTimeOffset now) =>
        slotStart < now + OfferLifetime ? slotStart : now + OfferLifetime;

    /// <summary>The offer taken by <paramref name="startupId"/>, or why not; the grain holding offers makes this atomic.</summary>
    public static (RefillOffer? Taken, Message? Refusal) Take(RefillOffer offer, string startupId, DateTimeOffset now)
    {
        if (!offer.Candidates.Contains(startupId)) return (null, Phrases.OfferNotYours.With(offer.OfferId, startupId));
        if (offer.TakenBy == startupId) return (offer, null);
        if (offer.TakenBy is not null) return (null, Phrases.OfferTaken);
        if (now >= offer.ExpiresAt) return (null, Phrases.OfferExpired.With(offer.ExpiresAt.ToString("HH:mm", CultureInfo.InvariantCulture)));
        return (offer with { TakenBy = startupId, TakenAt = now }, null);
    }
}
