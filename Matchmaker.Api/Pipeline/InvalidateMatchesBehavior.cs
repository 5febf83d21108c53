using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Pipeline;

/// <summary>A command that changes what the event's ranked matches are computed from.</summary>
public interface IChangesMatches
{
    string EventId { get; }

    /// <summary>
    /// What the command changed, named as narrowly as is true (a profile, a pair), from the command or from what it
    /// returned (an answer knows its pair only from the request it returns); null when it changed nothing.
    /// </summary>
    MatchChange? ChangeOf(object? response);
}

/// <summary>
/// After such a command succeeds, the event's match grain is told what changed. It returns at once: the table is
/// rebuilt in the background, and the write never waits for it.
/// </summary>
public sealed class InvalidateMatchesBehavior<TMessage, TResponse>(IGrainFactory grains) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IChangesMatches changes && changes.ChangeOf(response) is { } change)
            await grains.GetGrain<IEventMatchesGrain>(changes.EventId).NoteChangeAsync(change);
        return response;
    }
}
