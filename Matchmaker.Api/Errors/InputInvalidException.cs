using Matchmaker.Model.Domain;

namespace Matchmaker.Api.Errors;

/// <summary>The input breaks one or more rules; answered with 400 and every bad field.</summary>
public sealed class InputInvalidException(ValidationErrors errors)
    : Exception("The input is invalid: " + errors)
{
    public ValidationErrors Errors { get; } = errors;

    public static InputInvalidException For(string field, Message message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new InputInvalidException(errors);
    }
}

/// <summary>Something the request names does not exist, or the caller may not know it exists; answered with 404 naming it.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// The request conflicts with what is stored (a duplicate, a quota); answered with 409. <see cref="Code"/> names a
/// refusal clients (and the web app, in the reader's language) may tell apart, e.g. <c>request-quota</c>.
/// </summary>
public sealed class ConflictException(string message, string? code = null) : Exception(message)
{
    public ConflictException(Message said) : this(said.English, said.Code.Length > 0 ? said.Code : null) => Said = said;

    public string? Code { get; } = code;

    /// <summary>The refusal with its values, so a page can say it in its reader's language.</summary>
    public Message? Said { get; }
}

/// <summary>The caller is known but may not do this; answered with 403 saying what it may not do.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The caller must sign in (or the event does not let strangers register); answered with 401.</summary>
public sealed class UnauthenticatedException(string message) : Exception(message);

/// <summary>The caller sent too much too fast; answered with 429 and Retry-After.</summary>
public sealed class TooManyRequestsException(string message) : Exception(message);

/// <summary>Well-formed but cannot be processed as sent (an Idempotency-Key reused for another body); answered with 422.</summary>
public sealed class UnprocessableException(string message) : Exception(message);
