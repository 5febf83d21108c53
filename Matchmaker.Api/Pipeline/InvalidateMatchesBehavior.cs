using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Pipeline;

/// <summary>A command that changes what the event's ranked matches are computed from.</summary>
public interface IChangesMatches
{
    string EventId { get; }
}

/// <summary>After such a command succeeds, the event's match lists are marked stale, so the next read ranks afresh.</summary>
public sealed class InvalidateMatchesBehavior<TMessage, TResponse>(IGrainFactory grains) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IChangesMatches changes)
            await grains.GetGrain<IEventMatchesGrain>(changes.EventId).InvalidateAsync();
        return response;
    }
}
