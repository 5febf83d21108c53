using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Web.Shared;

/// <summary>Display names of the other side, read through the same public-profile request the API serves.</summary>
public static class ParticipantNames
{
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(IMediator mediator, Actor actor, ParticipantKind kind, IEnumerable<string> ids)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct())
        {
            try
            {
                var read = await mediator.Send(new GetParticipant(actor, actor.EventId!, kind, id));
                var name = (read.Document ?? read.Public) switch
                {
                    PublicParticipant<StartupProfile> s => s.Profile.Name,
                    PublicParticipant<DelegateProfile> d => $"{d.Profile.Name}, {d.Profile.Company}",
                    StartupDocument s => s.Profile.Name,
                    DelegateDocument d => $"{d.Profile.Name}, {d.Profile.Company}",
                    _ => null,
                };
                if (name is not null) names[id] = name;
            }
            catch (NotFoundException)
            {
                // Deleted its data: shown by id.
            }
        }
        return names;
    }
}
