using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Participants;

/// <summary>A delegate registers or updates their profile and availability (itself, its organiser, or a stranger when self-registration is on).</summary>
public sealed record SaveDelegate(Actor? Actor, string EventId, string DelegateId, ParticipantBody<DelegateProfile>? Body)
    : ICommand<SavedParticipant<DelegateDocument>>, IValidated, IChangesMatches
{
    public MatchChange? ChangeOf(object? response) => MatchChange.OfDelegate(DelegateId);

    public ValidationErrors Validate() => ParticipantRules.Check(EventId, DelegateId, Body, p => p.Validate());
}

public sealed class SaveDelegateHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<SaveDelegate, SavedParticipant<DelegateDocument>>
{
    public async ValueTask<SavedParticipant<DelegateDocument>> Handle(SaveDelegate command, CancellationToken cancellationToken)
    {
        var profile = command.Body!.Profile!;
        return await ParticipantRules.SaveAsync(grains, command.Actor, command.EventId, ParticipantKind.Delegate, command.DelegateId, profile.Name, command.Body.Availability,
            availability => grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(command.EventId, command.DelegateId)).SaveAsync(profile, availability), clock);
    }
}
