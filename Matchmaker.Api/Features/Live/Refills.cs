using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Live;
using Matchmaker.Model.PublishedSchedules;
using Mediator;

namespace Matchmaker.Api.Features.Live;

/// <summary>Turns a cancelled or declined meeting of the published schedule into an offer to standby startups.</summary>
public static class Refills
{
    /// <summary>
    /// Offers the slot when the meeting is still ahead (or, with <paramref name="openUntil"/>, until that moment: the rest
    /// of a slot freed by a no-show); returns the offer, or null when nobody could take it.
    /// </summary>
    public static async Task<RefillOffer?> OfferFreedSlotAsync(IGrainFactory grains, string eventId, string meetingId, DateTimeOffset now, DateTimeOffset? openUntil = null)
    {
        var config = await grains.RequireEventAsync(eventId);
        var schedule = await GetAgendaHandler.PublishedScheduleAsync(grains, eventId);
        var live = grains.GetGrain<ILiveOpsGrain>(eventId);
        var offers = await live.GetOffersAsync();
        var freed = schedule?.Meetings.FirstOrDefault(m => m.Id == meetingId)
            ?? offers.Where(o => o.MeetingId == meetingId).Select(o => new PublishedMeeting(meetingId, o.TakenBy!, o.DelegateId, o.Slot, o.Table, MeetingOrigin.Refill, 0)).FirstOrDefault();
        if (freed is null) return null;
        var slots = EventSlots.From(config);
        var start = openUntil ?? EventSlots.StartsAt(config, slots[freed.Slot]);
        if (start <= now) return null;

        var taken = offers.Where(o => o.TakenBy is not null).Select(o => (Startup: o.TakenBy!, o.DelegateId, o.Slot)).ToList();
        var meetings = (schedule?.Meetings ?? []).Select(m => (Startup: m.StartupId, m.DelegateId, m.Slot)).Concat(taken).ToList();
        var ranked = await grains.GetGrain<IEventMatchesGrain>(eventId).StandbyForDelegateAsync(freed.DelegateId, new MatchQuery(200, null, null, null));
        var candidates = new List<string>();
        foreach (var startupId in (ranked?.Items ?? []).Select(m => m.Id))
        {
            if (candidates.Count == StandbyRules.OfferedTo) break;
            if (meetings.Any(m => m.Startup == startupId && (m.DelegateId == freed.DelegateId || m.Slot == freed.Slot))) continue;
            if (meetings.Count(m => m.Startup == startupId) >= config.MaxMeetingsPerStartup) continue;
            var startup = grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, startupId));
            if (await startup.GetAsync() is not { } document || !document.Availability.Includes(freed.Slot)) continue;
            if ((await startup.GetRequestsAsync()).Any(r => r.DelegateId == freed.DelegateId)) continue;
            candidates.Add(startupId);
        }
        if (candidates.Count == 0) return null;
        return await live.OfferAsync(new RefillOffer($"{meetingId}.{freed.Slot}", meetingId, freed.DelegateId, freed.Slot, freed.Table,
            candidates, now, StandbyRules.ExpiryOf(start, now)));
    }
}

/// <summary>The open offers made to a startup.</summary>
public sealed record ListOffers(Actor Actor, string EventId, string StartupId) : IQuery<IReadOnlyList<RefillOffer>>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, StartupId);
}

public sealed class ListOffersHandler(IGrainFactory grains, TimeProvider clock) : IQueryHandler<ListOffers, IReadOnlyList<RefillOffer>>
{
    public async ValueTask<IReadOnlyList<RefillOffer>> Handle(ListOffers query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayReadOwn(query.Actor, query.EventId, ParticipantKind.Startup, query.StartupId),
            $"{ParticipantRules.Capitalised(query.Actor)} cannot read the offers made to startup '{query.StartupId}'.");
        await grains.RequireEventAsync(query.EventId);
        var now = clock.GetUtcNow();
        return (await grains.GetGrain<ILiveOpsGrain>(query.EventId).GetOffersAsync())
            .Where(o => o.Candidates.Contains(query.StartupId) && (o.IsOpen(now) || o.TakenBy == query.StartupId)).ToList();
    }
}

/// <summary>A standby startup takes a freed slot: the first to accept gets it, as an agreed meeting on both agendas.</summary>
public sealed record AcceptOffer(Actor Actor, string EventId, string OfferId) : ICommand<RefillOffer>, IValidated, IChangesMatches
{
    public MatchChange? ChangeOf(object? response) => response is RefillOffer { TakenBy: { } startupId } offer ? MatchChange.OfPair(offer.DelegateId, startupId) : null;

    public ValidationErrors Validate()
    {
        var errors = Ids.ForEvent(EventId);
        errors.Required("offerId", OfferId, 200);
        return errors;
    }
}

public sealed class AcceptOfferHandler(IGrainFactory grains) : ICommandHandler<AcceptOffer, RefillOffer>
{
    public async ValueTask<RefillOffer> Handle(AcceptOffer command, CancellationToken cancellationToken)
    {
        AccessCheck.Require(command.Actor is { Role: ActorRole.Participant, Kind: ParticipantKind.Startup } && command.Actor.EventId == command.EventId,
            "Only the standby startups an offer was made to can take it, each for itself.");
        await grains.RequireEventAsync(command.EventId);
        var live = grains.GetGrain<ILiveOpsGrain>(command.EventId);
        var offer = (await live.GetOffersAsync()).FirstOrDefault(o => o.OfferId == command.OfferId)
            ?? throw new NotFoundException($"Event '{command.EventId}' has no offer '{command.OfferId}'.");
        AccessCheck.Require(offer.Candidates.Contains(command.Actor.ParticipantId!), $"Offer '{offer.OfferId}' was not made to '{command.Actor.ParticipantId}'.");
        var (taken, refusal) = await live.TakeAsync(command.OfferId, command.Actor.ParticipantId!);
        if (taken is null) throw new ConflictException(refusal!);
        // The pair's record says the meeting is agreed, so the next batch keeps it where it is.
        var outcome = await grains.GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, taken.TakenBy!))
            .RespondToProposalAsync(command.Actor, taken.DelegateId, RequestAction.Accept, null, ConfirmationPolicy.Auto);
        if (outcome.Refusal != RequestRefusal.None) throw new ConflictException(outcome.Reason!);
        return taken;
    }
}
