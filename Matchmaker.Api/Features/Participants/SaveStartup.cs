using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

/// <summary>A startup registers or updates its profile and availability.</summary>
public sealed record SaveStartup(string EventId, string StartupId, ParticipantBody<StartupProfile>? Body)
    : ICommand<StartupDocument>, IValidated, IChangesMatches
{
    public ValidationErrors Validate() => ParticipantRules.Check(EventId, StartupId, Body, p => p.Validate());
}

public sealed class SaveStartupHandler(IGrainFactory grains) : ICommandHandler<SaveStartup, StartupDocument>
{
    public async ValueTask<StartupDocument> Handle(SaveStartup command, CancellationToken cancellationToken)
    {
        var profile = command.Body!.Profile!;
        return await ParticipantRules.SaveAsync(grains, command.EventId, ParticipantKind.Startup, command.StartupId, profile.Name, command.Body.Availability,
            availability => grains.GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, command.StartupId)).SaveAsync(profile, availability));
    }
}
