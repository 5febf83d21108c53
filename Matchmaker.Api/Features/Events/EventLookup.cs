using Matchmaker.Api.Errors;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;

namespace Matchmaker.Api.Features.Events;

internal static class EventLookup
{
    /// <summary>The event's configuration; a clear 404 when no organiser has configured it.</summary>
    public static async Task<EventConfig> RequireEventAsync(this IGrainFactory grains, string eventId) =>
        await grains.GetGrain<IEventGrain>(eventId).GetConfigAsync()
        ?? throw new NotFoundException($"Event '{eventId}' does not exist; an organiser creates it with PUT /api/events/{eventId}.");
}
