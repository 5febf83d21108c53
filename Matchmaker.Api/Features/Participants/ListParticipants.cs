using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

/// <summary>A page of an event's startups or delegates, ordered by id, with their profiles.</summary>
public sealed record ListParticipants(Actor Actor, string EventId, ParticipantKind Kind, int Offset, int Limit)
    : IQuery<Page<object>>, IValidated
{
    public const int MaxLimit = 200;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        if (Offset < 0) errors.Add("offset", Phrases.Plain($"must be 0 or more (was {Offset})."));
        errors.Range("limit", Limit, 1, MaxLimit);
        return errors;
    }
}

public sealed record Page<T>(int Total, int Offset, int Limit, IReadOnlyList<T> Items);

public sealed class ListParticipantsHandler(IGrainFactory grains) : IQueryHandler<ListParticipants, Page<object>>
{
    public async ValueTask<Page<object>> Handle(ListParticipants query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(query.Actor, query.EventId), $"Only the organiser of '{query.EventId}' lists its participants; participants browse their matches.");
        await grains.RequireEventAsync(query.EventId);
        var page = await grains.GetGrain<IEventGrain>(query.EventId).ListParticipantsAsync(query.Kind, query.Offset, query.Limit);
        var documents = await Task.WhenAll(page.Items.Select(entry => LoadAsync(query.EventId, entry)));
        // An index entry whose profile write never landed is not a participant yet.
        return new Page<object>(page.Total, query.Offset, query.Limit, documents.OfType<object>().ToList());
    }

    private async Task<object?> LoadAsync(string eventId, ParticipantEntry entry)
    {
        var key = GrainKeys.Participant(eventId, entry.Id);
        return entry.Kind == ParticipantKind.Startup
            ? await grains.GetGrain<IStartupGrain>(key).GetAsync()
            : await grains.GetGrain<IDelegateGrain>(key).GetAsync();
    }
}
