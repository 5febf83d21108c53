using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

/// <summary>A corporate delegate registers or updates their profile and availability.</summary>
public sealed record SaveDelegate(string EventId, string DelegateId, ParticipantBody<DelegateProfile>? Body)
    : ICommand<DelegateDocument>, IValidated, IChangesMatches
{
    public ValidationErrors Validate() => ParticipantRules.Check(EventId, DelegateId, Body, p => p.Validate());
}

public sealed class SaveDelegateHandler(IGrainFactory grains) : ICommandHandler<SaveDelegate, DelegateDocument>
{
    public async ValueTask<DelegateDocument> Handle(SaveDelegate command, CancellationToken cancellationToken)
    {
        var profile = command.Body!.Profile!;
        return await ParticipantRules.SaveAsync(grains, command.EventId, ParticipantKind.Delegate, command.DelegateId, profile.Name, command.Body.Availability,
            availability => grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(command.EventId, command.DelegateId)).SaveAsync(profile, availability));
    }
}
