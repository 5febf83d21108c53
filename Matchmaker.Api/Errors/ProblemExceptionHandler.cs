using System.Text.Json;
using Matchmaker.Api.Features.Import;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Matchmaker.Model.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Matchmaker.Api.Errors;

/// <summary>Turns every failure into a ProblemDetails that names the problem, so clients never see an HTML page.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
    {
        ProblemDetails problem = exception switch
        {
            InputInvalidException invalid => ValidationProblem(ToJsonNames(invalid.Errors.ToDictionary()), invalid.Errors),
            BadHttpRequestException { InnerException: JsonException json } =>
                Problem(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.", json.Message),
            BadHttpRequestException bad => Problem(bad.StatusCode, "The request is malformed.", bad.Message),
            CsvRejectedException rejected => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The participants file has bad rows; nothing from it was stored.",
                Detail = string.Join(" ", rejected.Errors.Take(20).Select(e => $"line {e.Line}{(e.Column.Length > 0 ? ", " + e.Column : "")}: {e.Reason}")),
                Extensions = { ["errors"] = rejected.Errors.Take(ValidationErrors.MaxReported), ["errorCount"] = rejected.Errors.Count },
            },
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
            ConflictException conflict => WithCode(Problem(StatusCodes.Status409Conflict, "Conflict.", conflict.Message), conflict.Code),
            ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden.", forbidden.Message),
            UnauthenticatedException unauthenticated => Problem(StatusCodes.Status401Unauthorized, "Sign in first.", unauthenticated.Message),
            TooManyRequestsException tooMany => Problem(StatusCodes.Status429TooManyRequests, "Too many requests.", tooMany.Message),
            UnprocessableException unprocessable =>
                Problem(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed as sent.", unprocessable.Message),
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The server failed to handle the request; nothing partial was acknowledged.",
            },
        };
        http.Response.StatusCode = problem.Status ?? 500;
        if (exception is TooManyRequestsException) http.Response.Headers.RetryAfter = "60";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails WithCode(ProblemDetails problem, string? code)
    {
        if (code is not null) problem.Extensions["code"] = code;
        return problem;
    }

    private static HttpValidationProblemDetails ValidationProblem(Dictionary<string, string[]> errors, ValidationErrors all) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The input is invalid.",
        Detail = string.Join(" ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key} {message}")).Take(20))
            + (all.Count > ValidationErrors.MaxReported ? $" ({all.Count} problems in all; the first {ValidationErrors.MaxReported} are listed.)" : ""),
        Extensions = { ["errorCount"] = all.Count },
    };

    /// <summary>Field names follow the JSON the client sent (camelCase), e.g. <c>profile.name</c>.</summary>
    private static Dictionary<string, string[]> ToJsonNames(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => JsonPath(e.Key), e => e.Value);

    private static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
