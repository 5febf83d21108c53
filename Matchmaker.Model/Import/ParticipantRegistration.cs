using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Import;

/// <summary>
/// Registers many participants at once: every profile is stored, then the event's index takes them all in one
/// write. A crash between the two leaves stored profiles without index lines; registering again repairs it.
/// </summary>
public static class ParticipantRegistration
{
    private const int ParallelWrites = 16;

    public static async Task RegisterAsync(IGrainFactory grains, string eventId,
        IReadOnlyList<ImportedStartup> startups, IReadOnlyList<ImportedDelegate> delegates, CancellationToken cancel = default)
    {
        var writes = startups.Select(s => (Func<Task>)(() => grains
                .GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, s.Id)).SaveAsync(s.Profile, s.Availability)))
            .Concat(delegates.Select(d => (Func<Task>)(() => grains
                .GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, d.Id)).SaveAsync(d.Profile, d.Availability))));
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancel },
            async (write, _) => await write());

        await grains.GetGrain<IEventGrain>(eventId).IndexParticipantsAsync(
            startups.Select(s => new ParticipantEntry(ParticipantKind.Startup, s.Id, s.Profile.Name))
                .Concat(delegates.Select(d => new ParticipantEntry(ParticipantKind.Delegate, d.Id, d.Profile.Name)))
                .ToList());
    }
}
