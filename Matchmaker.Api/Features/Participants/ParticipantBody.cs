using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Api.Features.Participants;

/// <summary>
/// What a participant PUTs: the profile, and the slots they can meet in (null or omitted for every slot). It is
/// also what GET returns, so <c>id</c> and <c>updatedAt</c> may come back in it: the id must match the route and
/// the time is ignored.
/// </summary>
public sealed record ParticipantBody<TProfile>(TProfile? Profile, Availability? Availability, string? Id = null, DateTimeOffset? UpdatedAt = null)
    where TProfile : class;

/// <summary>A new participant's personal token and sign-in link, shown once; the service keeps only a hash.</summary>
public sealed record ParticipantCredentials(string Token, string SignInLink);

/// <summary>What a save answers: the participant as stored, and its credentials when this save registered it.</summary>
public sealed record SavedParticipant<TDocument>(TDocument Participant, ParticipantCredentials? Credentials);

/// <summary>What the other side sees of a participant: the public profile (contact details only once a meeting between them is accepted).</summary>
public sealed record PublicParticipant<TProfile>(string Id, TProfile Profile);

internal static class ParticipantRules
{
    public const int MaxAvailability = 2000;

    public static ValidationErrors Check<TProfile>(string eventId, string participantId, ParticipantBody<TProfile>? body, Func<TProfile, ValidationErrors> validate)
        where TProfile : class
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", eventId);
        Ids.Check(errors, "id", participantId);
        if (body?.Id is { } id && id != participantId) errors.Add("id", Phrases.Plain($"'{ValidationErrors.Shortened(id)}' does not match the id in the address ('{participantId}')."));
        if (body?.Profile is null) errors.Add("profile", Phrases.Plain("is required."));
        else errors.Include("profile.", validate(body.Profile));
        return errors;
    }

    /// <summary>
    /// Who may write: the participant itself, the organiser, or, when the event allows self-registration, a
    /// stranger registering an id nobody holds yet. Stores the profile, then indexes a new participant together
    /// with its token's hash (one write). A crash between the two leaves a profile nobody can sign in as and no
    /// index line; saving again finishes the registration.
    /// </summary>
    public static async Task<SavedParticipant<TDocument>> SaveAsync<TDocument>(IGrainFactory grains, Actor? actor, string eventId, ParticipantKind kind, string id,
        string name, Availability? slots, Func<Availability, Task<TDocument>> save, TimeProvider clock)
    {
        var config = await grains.RequireEventAsync(eventId);
        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        var registered = await eventGrain.IsRegisteredAsync(kind, id);
        if (actor is null)
        {
            if (!config.SelfRegistration)
                throw new UnauthenticatedException($"Event '{eventId}' registers participants through its organiser; sign in to change your own profile.");
            if (registered)
                throw new UnauthenticatedException($"'{id}' is already registered at '{eventId}'; sign in with its link to change it.");
        }
        else AccessCheck.Require(AccessRules.MayWriteParticipant(actor, eventId, kind, id), $"{Capitalised(actor)} cannot write the profile of {Describe(kind, id)}.");

        var availability = AvailabilityWithin(config, slots);
        var saved = await save(availability);
        if (registered)
        {
            await eventGrain.RegisterParticipantsAsync([new ParticipantEntry(kind, id, name)], [], null);
            return new SavedParticipant<TDocument>(saved, null);
        }
        var (token, issued) = IssuedCredential.ForParticipant(eventId, kind, id, clock.GetUtcNow());
        await eventGrain.RegisterParticipantsAsync([new ParticipantEntry(kind, id, name)], [issued], null);
        return new SavedParticipant<TDocument>(saved, new ParticipantCredentials(token, ""));
    }

    /// <summary>Availability can only be checked once the event's slots are known.</summary>
    public static Availability AvailabilityWithin(EventConfig config, Availability? slots)
    {
        var availability = new Availability(slots?.Slots?.Order().ToList());
        var errors = availability.Validate(EventSlots.From(config).Count);
        if (!errors.IsValid) throw new InputInvalidException(errors);
        return availability;
    }

    public static string Describe(ParticipantKind kind, string id) => $"{kind.ToString().ToLowerInvariant()} '{id}'";

    public static string Capitalised(Actor actor) => actor.ToString() is { Length: > 0 } text ? char.ToUpperInvariant(text[0]) + text[1..] : "";

    /// <summary>A participant the rules let the actor see, or 404 naming it.</summary>
    public static NotFoundException Missing(string eventId, ParticipantKind kind, string id) =>
        new($"{char.ToUpperInvariant(Describe(kind, id)[0])}{Describe(kind, id)[1..]} is not registered at event '{eventId}'.");
}
