using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Domain;

namespace Matchmaker.Api.Features.Participants;

/// <summary>What a participant PUTs: the profile, and the slots they can meet in (omit for every slot).</summary>
public sealed record ParticipantBody<TProfile>(TProfile? Profile, IReadOnlyList<int>? Availability)
    where TProfile : class;

internal static class ParticipantRules
{
    public static ValidationErrors Check<TProfile>(string eventId, string participantId, ParticipantBody<TProfile>? body, Func<TProfile, ValidationErrors> validate)
        where TProfile : class
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", eventId);
        Ids.Check(errors, "id", participantId);
        if (body?.Profile is null) errors.Add("profile", "is required.");
        else errors.Include("profile.", validate(body.Profile));
        return errors;
    }

    /// <summary>
    /// Checks availability against the event, stores the participant, then indexes it. A crash between the two
    /// writes leaves a stored profile without an index line; saving again repairs it.
    /// </summary>
    public static async Task<TDocument> SaveAsync<TDocument>(IGrainFactory grains, string eventId, ParticipantKind kind, string id, string name,
        IReadOnlyList<int>? slots, Func<Availability, Task<TDocument>> save)
    {
        var availability = AvailabilityWithin(await grains.RequireEventAsync(eventId), slots);
        var saved = await save(availability);
        await grains.GetGrain<IEventGrain>(eventId).IndexParticipantsAsync([new ParticipantEntry(kind, id, name)]);
        return saved;
    }

    /// <summary>Availability can only be checked once the event's slots are known.</summary>
    public static Availability AvailabilityWithin(EventConfig config, IReadOnlyList<int>? slots)
    {
        var availability = new Availability(slots?.Order().ToList());
        var errors = availability.Validate(EventSlots.From(config).Count);
        if (!errors.IsValid) throw new InputInvalidException(errors);
        return availability;
    }
}
