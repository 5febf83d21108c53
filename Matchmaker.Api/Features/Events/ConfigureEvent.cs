using Matchmaker.Api.Errors;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Events;

/// <summary>An organiser creates or changes an event week.</summary>
public sealed record ConfigureEvent(string EventId, EventConfig? Config) : ICommand<ConfigureEventResult>, IValidated
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        if (Config is null) errors.Add("body", "is required: the event configuration as JSON.");
        else errors.Include("", Config.Validate());
        return errors;
    }
}

public sealed record ConfigureEventResult(bool Created, EventView Event);

/// <summary>An event's configuration with the slots it yields.</summary>
public sealed record EventView(string Id, EventConfig Config, IReadOnlyList<EventSlot> Slots, int Startups, int Delegates);

public sealed class ConfigureEventHandler(IGrainFactory grains) : ICommandHandler<ConfigureEvent, ConfigureEventResult>
{
    public async ValueTask<ConfigureEventResult> Handle(ConfigureEvent command, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IEventGrain>(command.EventId);
        var previous = await grain.GetConfigAsync();
        var config = command.Config!;
        if (previous is not null && EventSlots.From(config).Count < EventSlots.From(previous).Count)
        {
            // Fewer slots would strand availability that participants already gave.
            var registered = (await grain.ListParticipantsAsync(ParticipantKind.Startup, 0, 1)).Total
                           + (await grain.ListParticipantsAsync(ParticipantKind.Delegate, 0, 1)).Total;
            if (registered > 0)
                throw InputInvalidException.For("days", "would remove meeting slots from an event that already has participants; add days or slots instead.");
        }
        var created = await grain.ConfigureAsync(config);
        return new ConfigureEventResult(created, await GetEventHandler.ViewAsync(grains, command.EventId, config));
    }
}
