using System.Text.Json;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Import;

/// <summary>A participant's personal token, shown once to whoever registered it.</summary>
public sealed record IssuedToken(ParticipantKind Kind, string Id, string Token);

/// <summary>What a registration stored: how many of each side, and the tokens of those who are new.</summary>
public sealed record RegistrationResult(int Startups, int Delegates, IReadOnlyList<IssuedToken> NewParticipants);

/// <summary>
/// Registers many participants as one step. Every profile is first staged beside the participant's current one
/// (invisible), then the event commits the import in one write: index lines, new participants' token hashes, and
/// the import's id. Only then do the staged profiles count, so a crash or a dropped connection at any point
/// leaves either all of the file or none of it. The id is the content's hash: the same file twice changes nothing.
/// </summary>
public static class ParticipantRegistration
{
    private const int ParallelWrites = 16;

    /// <param name="tokenFor">Chooses a new participant's token (the demo derives them); null for a fresh random one.</param>
    public static async Task<RegistrationResult> RegisterAsync(IGrainFactory grains, string eventId,
        IReadOnlyList<ImportedStartup> startups, IReadOnlyList<ImportedDelegate> delegates, DateTimeOffset now,
        Func<ParticipantKind, string, string?>? tokenFor = null, CancellationToken cancel = default)
    {
        var importId = Credentials.Hash(JsonSerializer.Serialize(new { startups, delegates }));
        var stages = startups.Select(s => (Func<Task>)(() => grains
                .GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, s.Id)).StageAsync(importId, s.Profile, s.Availability)))
            .Concat(delegates.Select(d => (Func<Task>)(() => grains
                .GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, d.Id)).StageAsync(importId, d.Profile, d.Availability))));
        await InParallelAsync(stages, cancel);

        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        var known = new HashSet<(ParticipantKind, string)>(
            (await eventGrain.GetParticipantIdsAsync(ParticipantKind.Startup)).Select(id => (ParticipantKind.Startup, id))
            .Concat((await eventGrain.GetParticipantIdsAsync(ParticipantKind.Delegate)).Select(id => (ParticipantKind.Delegate, id))));
        var entries = startups.Select(s => new ParticipantEntry(ParticipantKind.Startup, s.Id, s.Profile.Name))
            .Concat(delegates.Select(d => new ParticipantEntry(ParticipantKind.Delegate, d.Id, d.Profile.Name)))
            .ToList();
        var tokens = new List<IssuedToken>();
        var credentials = new List<IssuedCredential>();
        foreach (var entry in entries.Where(e => !known.Contains((e.Kind, e.Id))))
        {
            var (token, issued) = IssuedCredential.ForParticipant(eventId, entry.Kind, entry.Id, now, tokenFor?.Invoke(entry.Kind, entry.Id));
            tokens.Add(new IssuedToken(entry.Kind, entry.Id, token));
            credentials.Add(issued);
        }
        cancel.ThrowIfCancellationRequested();
        await eventGrain.RegisterParticipantsAsync(entries, credentials, importId);

        // Committed: reading each participant now makes its staged profile its own (it would on its next read anyway).
        var settles = startups.Select(s => (Func<Task>)(() => grains.GetGrain<IStartupGrain>(GrainKeys.Participant(eventId, s.Id)).GetAsync()))
            .Concat(delegates.Select(d => (Func<Task>)(() => grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(eventId, d.Id)).GetAsync())));
        await InParallelAsync(settles, CancellationToken.None);
        return new RegistrationResult(startups.Count, delegates.Count, tokens);
    }

    private static Task InParallelAsync(IEnumerable<Func<Task>> work, CancellationToken cancel) =>
        Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancel },
            async (step, _) => await step());
}
