using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Import;
using Mediator;

namespace Matchmaker.Api.Features.Import;

/// <summary>An organiser imports a participants CSV: all rows are stored, or none.</summary>
public sealed record ImportParticipants(Actor Actor, string EventId, string Csv) : ICommand<ImportResult>, IValidated, IChangesMatches
{
    public MatchChange? ChangeOf(object? response) => MatchChange.Everything;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        if (string.IsNullOrWhiteSpace(Csv)) errors.Add("body", Phrases.Plain("is empty: send the participants CSV as the request body (Content-Type: text/csv)."));
        return errors;
    }
}

/// <summary>How many rows of each kind the file had, and the personal tokens of the participants it registered (shown once).</summary>
public sealed record ImportResult(int Startups, int Delegates, IReadOnlyList<ImportedCredentials> NewParticipants);

public sealed record ImportedCredentials(ParticipantKind Kind, string Id, string Token, string SignInLink);

/// <summary>The file has bad rows; nothing from it was stored.</summary>
public sealed class CsvRejectedException(IReadOnlyList<CsvRowError> errors)
    : Exception($"The participants file has {errors.Count} problem(s); nothing from it was stored.")
{
    public IReadOnlyList<CsvRowError> Errors { get; } = errors;
}

public sealed class ImportParticipantsHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<ImportParticipants, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportParticipants command, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(command.Actor, command.EventId), $"Only the organiser of '{command.EventId}' imports participants.");
        var config = await grains.RequireEventAsync(command.EventId);
        var file = ParticipantsCsv.Read(new StringReader(command.Csv), EventSlots.From(config).Count);
        if (!file.IsValid) throw new CsvRejectedException(file.Errors);

        // Every row is valid before the first write, and the rows are staged then committed in one step.
        var registered = await ParticipantRegistration.RegisterAsync(grains, command.EventId, file.Startups, file.Delegates, clock.GetUtcNow(), cancel: cancellationToken);
        return new ImportResult(registered.Startups, registered.Delegates,
            registered.NewParticipants.Select(p => new ImportedCredentials(p.Kind, p.Id, p.Token, "")).ToList());
    }
}
