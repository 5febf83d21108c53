using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Batch;

/// <summary>The organiser runs the pairing batch now; if a run is going, that run is returned.</summary>
public sealed record RunBatch(Actor Actor, string EventId) : ICommand<BatchRun>, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed class RunBatchHandler(IGrainFactory grains) : ICommandHandler<RunBatch, BatchRun>
{
    public async ValueTask<BatchRun> Handle(RunBatch command, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(command.Actor, command.EventId), $"Only the organiser of '{command.EventId}' runs its batch.");
        await grains.RequireEventAsync(command.EventId);
        return await grains.GetGrain<IPairingBatchGrain>(command.EventId).StartAsync("on demand");
    }
}

/// <summary>One run of the batch: progress while it runs, the quality report once done.</summary>
public sealed record GetBatchRun(Actor Actor, string EventId, int RunId) : IQuery<BatchRun>, IValidated
{
    public ValidationErrors Validate()
    {
        var errors = Ids.ForEvent(EventId);
        if (RunId < 1) errors.Add("runId", Phrases.Plain("must be 1 or more."));
        return errors;
    }
}

public sealed class GetBatchRunHandler(IGrainFactory grains) : IQueryHandler<GetBatchRun, BatchRun>
{
    public async ValueTask<BatchRun> Handle(GetBatchRun query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(query.Actor, query.EventId), $"Only the organiser of '{query.EventId}' reads its batch runs.");
        await grains.RequireEventAsync(query.EventId);
        return await grains.GetGrain<IPairingBatchGrain>(query.EventId).GetRunAsync(query.RunId)
            ?? throw new NotFoundException($"Event '{query.EventId}' has no batch run {query.RunId}.");
    }
}

/// <summary>The recent runs of the batch, newest first.</summary>
public sealed record ListBatchRuns(Actor Actor, string EventId) : IQuery<IReadOnlyList<BatchRun>>, IValidated
{
    public ValidationErrors Validate() => Ids.ForEvent(EventId);
}

public sealed class ListBatchRunsHandler(IGrainFactory grains) : IQueryHandler<ListBatchRuns, IReadOnlyList<BatchRun>>
{
    public async ValueTask<IReadOnlyList<BatchRun>> Handle(ListBatchRuns query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayOrganise(query.Actor, query.EventId), $"Only the organiser of '{query.EventId}' reads its batch runs.");
        await grains.RequireEventAsync(query.EventId);
        return await grains.GetGrain<IPairingBatchGrain>(query.EventId).GetRunsAsync();
    }
}
