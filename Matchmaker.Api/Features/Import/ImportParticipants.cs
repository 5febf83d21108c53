using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Import;
using Mediator;

namespace Matchmaker.Api.Features.Import;

/// <summary>An organiser imports a participants CSV: all rows are stored, or none.</summary>
public sealed record ImportParticipants(string EventId, string Csv) : ICommand<ImportResult>, IValidated, IChangesMatches
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        if (string.IsNullOrWhiteSpace(Csv)) errors.Add("body", "is empty: send the participants CSV as the request body (Content-Type: text/csv).");
        return errors;
    }
}

public sealed record ImportResult(int Startups, int Delegates);

/// <summary>The file has bad rows; nothing from it was stored.</summary>
public sealed class CsvRejectedException(IReadOnlyList<CsvRowError> errors)
    : Exception($"The participants file has {errors.Count} problem(s); nothing from it was stored.")
{
    public IReadOnlyList<CsvRowError> Errors { get; } = errors;
}

public sealed class ImportParticipantsHandler(IGrainFactory grains) : ICommandHandler<ImportParticipants, ImportResult>
{
    private const int ParallelWrites = 16;

    public async ValueTask<ImportResult> Handle(ImportParticipants command, CancellationToken cancellationToken)
    {
        var config = await grains.RequireEventAsync(command.EventId);
        var file = ParticipantsCsv.Read(new StringReader(command.Csv), EventSlots.From(config).Count);
        if (!file.IsValid) throw new CsvRejectedException(file.Errors);

        // Every row is valid before the first write, so a bad file never leaves half an import behind.
        var writes = file.Startups.Select(s => (Func<Task>)(() => grains
                .GetGrain<IStartupGrain>(GrainKeys.Participant(command.EventId, s.Id)).SaveAsync(s.Profile, s.Availability)))
            .Concat(file.Delegates.Select(d => (Func<Task>)(() => grains
                .GetGrain<IDelegateGrain>(GrainKeys.Participant(command.EventId, d.Id)).SaveAsync(d.Profile, d.Availability))));
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken },
            async (write, _) => await write());

        var entries = file.Startups.Select(s => new ParticipantEntry(ParticipantKind.Startup, s.Id, s.Profile.Name))
            .Concat(file.Delegates.Select(d => new ParticipantEntry(ParticipantKind.Delegate, d.Id, d.Profile.Name)))
            .ToList();
        await grains.GetGrain<IEventGrain>(command.EventId).IndexParticipantsAsync(entries);
        return new ImportResult(file.Startups.Count, file.Delegates.Count);
    }
}
