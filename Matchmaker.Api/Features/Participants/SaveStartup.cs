using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

/// <summary>A startup registers or updates its profile and availability (itself, its organiser, or a stranger when self-registration is on).</summary>
public sealed record SaveStartup(Actor? Actor, string EventId, string StartupId, ParticipantBody<StartupProfile>? Body)
    : ICommand<SavedParticipant<StartupDocument>>, IValidated, IChangesMatches
{
    public MatchChange? ChangeOf(object? response) => MatchChange.OfStartup(StartupId);

    public ValidationErrors Validate() => ParticipantRules.Check(EventId, StartupId, Body, p => p.Validate());
}

public sealed class SaveStartupHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<SaveStartup, SavedParticipant<StartupDocument>>
{
    public async ValueTask<SavedParticipant<StartupDocument>> Handle(SaveStartup command, CancellationToken cancellationToken)
    {
        var profile = command.Body!.Profile!;
        return await ParticipantRules.SaveAsync(grains, command.Actor, command.EventId, ParticipantKind.Startup, command.StartupId, profile.Name, command.Body.Availability,
            availability => grains.GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, command.StartupId)).SaveAsync(profile, availability), clock);
    }
}
