using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Matches;

/// <summary>The other side of the event ranked for one participant, with reasons.</summary>
public sealed record GetMatches(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId, int Limit, string? Sector, string? Stage, string? Country)
    : IQuery<IReadOnlyList<Match>>, IValidated
{
    public const int MaxLimit = 200;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        Ids.Check(errors, "id", ParticipantId);
        errors.Range("limit", Limit, 1, MaxLimit);
        if (Sector is not null) errors.Known("sector", [Sector], (IReadOnlyCollection<string>)Vocabulary.Sectors, required: false);
        if (Stage is not null) errors.Known("stage", [Stage], Vocabulary.Stages, required: false);
        if (Country is not null && (Country.Length != 3 || !Country.All(char.IsAsciiLetterUpper)))
            errors.Add("country", Phrases.Plain($"'{Country}' is not an ISO 3166 alpha-3 country code such as KOR or USA."));
        return errors;
    }
}

public sealed class GetMatchesHandler(IGrainFactory grains, LocalMatchLists local) : IQueryHandler<GetMatches, IReadOnlyList<Match>>
{
    public async ValueTask<IReadOnlyList<Match>> Handle(GetMatches query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayReadOwn(query.Actor, query.EventId, query.Kind, query.ParticipantId),
            $"{ParticipantRules.Capitalised(query.Actor)} cannot read the matches of {ParticipantRules.Describe(query.Kind, query.ParticipantId)}.");
        // No lookup of the event here: only its organiser and participants may read, and their credentials were checked
        // against the event's grain (which holds none once the event is deleted; see RecentCredentials for how long a node
        // trusts a check). A read is one grain call at most: none when the event's match grain serves on this node.
        var filter = new MatchQuery(query.Limit, query.Sector, query.Stage, query.Country);
        var here = local.For(query.EventId);
        var list = query.Kind == ParticipantKind.Delegate
            ? here?.ForDelegate(query.ParticipantId, filter) ?? await grains.GetGrain<IEventMatchesGrain>(query.EventId).ForDelegateAsync(query.ParticipantId, filter)
            : here?.ForStartup(query.ParticipantId, filter) ?? await grains.GetGrain<IEventMatchesGrain>(query.EventId).ForStartupAsync(query.ParticipantId, filter);
        return list?.Items ?? throw new NotFoundException($"{query.Kind} '{query.ParticipantId}' is not registered at event '{query.EventId}'.");
    }
}
