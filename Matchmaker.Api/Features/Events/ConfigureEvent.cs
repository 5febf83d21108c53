using System.Text.Json.Serialization;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.PublishedSchedules;
using Mediator;

namespace Matchmaker.Api.Features.Events;

/// <summary>The instance admin creates an event week (its organiser key comes back once); its organiser changes it.</summary>
public sealed record ConfigureEvent(Actor Actor, string EventId, EventConfig? Config) : ICommand<ConfigureEventResult>, IValidated
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        if (Config is null) errors.Add("body", Phrases.Plain("is required: the event configuration as JSON."));
        else errors.Include("", Config.Validate());
        return errors;
    }
}

public sealed record ConfigureEventResult(bool Created, EventView Event);

/// <summary>An event's configuration with the slots it yields; the organiser key only in the answer that created it.</summary>
public sealed record EventView(string Id, EventConfig Config, IReadOnlyList<EventSlot> Slots, int Startups, int Delegates)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrganiserKey { get; init; }
}

public sealed class ConfigureEventHandler(IGrainFactory grains) : ICommandHandler<ConfigureEvent, ConfigureEventResult>
{
    public async ValueTask<ConfigureEventResult> Handle(ConfigureEvent command, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IEventGrain>(command.EventId);
        var config = command.Config!;
        var previous = await grain.GetConfigAsync();
        if (previous is null)
        {
            AccessCheck.Require(AccessRules.MayCreateEvent(command.Actor), $"Event '{command.EventId}' does not exist; only the instance admin creates events.");
            var organiserKey = Credentials.New(command.EventId);
            Credentials.TryParse(organiserKey, out _, out var secret);
            if (await grain.CreateAsync(config, Credentials.Hash(secret)))
                return new ConfigureEventResult(true, await GetEventHandler.ViewAsync(grains, command.EventId, config) with { OrganiserKey = organiserKey });
            previous = await grain.GetConfigAsync();
        }

        AccessCheck.Require(AccessRules.MayOrganise(command.Actor, command.EventId), $"Only the organiser of '{command.EventId}' can change it.");
        if (await GetAgendaHandler.PublishedScheduleAsync(grains, command.EventId) is { } published
            && Reconfiguration.MovedMeetings(previous!, config, published.Meetings) is { Count: > 0 } moved)
            throw new ConflictException(Phrases.WouldMoveMeetings.With(moved.Count, string.Join("; ", moved.Take(3))));
        if (EventSlots.From(config).Count < EventSlots.From(previous!).Count)
        {
            // Fewer slots would strand availability that participants already gave.
            var registered = (await grain.ListParticipantsAsync(ParticipantKind.Startup, 0, 1)).Total
                           + (await grain.ListParticipantsAsync(ParticipantKind.Delegate, 0, 1)).Total;
            if (registered > 0)
                throw InputInvalidException.For("days", Phrases.WouldRemoveSlots);
        }
        await grain.ConfigureAsync(config);
        return new ConfigureEventResult(false, await GetEventHandler.ViewAsync(grains, command.EventId, config));
    }
}

/// <summary>Replaces an event's organiser key (the organiser, or the instance admin when it was lost); the old key stops working.</summary>
public sealed record ReplaceOrganiserKey(Actor Actor, string EventId) : ICommand<OrganiserKey>, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed record OrganiserKey(string Key);

public sealed class ReplaceOrganiserKeyHandler(IGrainFactory grains) : ICommandHandler<ReplaceOrganiserKey, OrganiserKey>
{
    public async ValueTask<OrganiserKey> Handle(ReplaceOrganiserKey command, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayResetOrganiserKey(command.Actor, command.EventId), $"Only the organiser of '{command.EventId}' or the instance admin can replace its key.");
        await grains.RequireEventAsync(command.EventId);
        var key = Credentials.New(command.EventId);
        Credentials.TryParse(key, out _, out var secret);
        await grains.GetGrain<IEventGrain>(command.EventId).ReplaceOrganiserKeyAsync(Credentials.Hash(secret));
        return new OrganiserKey(key);
    }
}
