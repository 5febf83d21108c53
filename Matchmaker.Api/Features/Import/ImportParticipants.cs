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
    public async ValueTask<ImportResult> Handle(ImportParticipants command, CancellationToken cancellationToken)
    {
        var config = await grains.RequireEventAsync(command.EventId);
        var file = ParticipantsCsv.Read(new StringReader(command.Csv), EventSlots.From(config).Count);
        if (!file.IsValid) throw new CsvRejectedException(file.Errors);

        // Every row is valid before the first write, so a bad file never leaves half an import behind.
        await ParticipantRegistration.RegisterAsync(grains, command.EventId, file.Startups, file.Delegates, cancellationToken);
        return new ImportResult(file.Startups.Count, file.Delegates.Count);
    }
}
