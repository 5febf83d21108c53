using Matchmaker.Api.Errors;
using Mediator;

namespace Matchmaker.Api.Pipeline;

/// <summary>Rejects invalid messages before any handler touches storage, so nothing is half-changed.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidated validated)
        {
            var errors = validated.Validate();
            if (!errors.IsValid) throw new InputInvalidException(errors);
        }
        return next(message, cancellationToken);
    }
}
