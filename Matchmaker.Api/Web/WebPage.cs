using System.Globalization;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Import;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Matchmaker.Api.Web;

/// <summary>
/// What every page has: the request, the signed-in actor, Mediator (pages only translate between HTML and the
/// same requests the HTTP API sends), the strings, and the outcome of the form it handled.
/// </summary>
public abstract class WebPage : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = null!;
    [Inject] protected IMediator Mediator { get; set; } = null!;
    [Inject] protected IStringLocalizer<Text> L { get; set; } = null!;
    [Inject] protected NavigationManager Nav { get; set; } = null!;

    /// <summary>The outcome key of the last action (after its redirect), shown as a status line.</summary>
    [SupplyParameterFromQuery(Name = "done")] public string? Done { get; set; }

    protected Actor Actor => Http.User.RequireActor();
    protected string EventId => Actor.EventId!;
    protected string Me => Actor.ParticipantId!;
    protected ParticipantKind Kind => Actor.Kind ?? ParticipantKind.Startup;
    protected bool IsStartup => Kind == ParticipantKind.Startup;

    /// <summary>Why the last action failed, in the reader's language where the app knows the reason; the detail as the service said it.</summary>
    protected string? Error { get; set; }
    protected string? ErrorDetail { get; set; }
    /// <summary>What was wrong, each with its field, for the page to say in its reader's language.</summary>
    protected IReadOnlyList<(string? Field, Message Message)> Problems { get; set; } = [];

    protected static CultureInfo Culture => CultureInfo.CurrentCulture;

    protected bool IsPost => HttpMethods.IsPost(Http.Request.Method);

    /// <summary>
    /// Whether this request posts the named form. A page rendered from a stale view (the request was sent from another
    /// tab meanwhile) must still render the posted form, or Blazor refuses the post before the command can say why.
    /// </summary>
    protected bool Posted(string formName) => IsPost && Form("_handler") == formName;

    /// <summary>A posted form field, or null.</summary>
    protected string? Form(string key) =>
        Http.Request.HasFormContentType && Http.Request.Form.TryGetValue(key, out var value) && value.Count > 0 ? value.ToString() : null;

    protected IReadOnlyList<string> FormAll(string key) =>
        Http.Request.HasFormContentType && Http.Request.Form.TryGetValue(key, out var value) ? value.Where(v => v is not null).Select(v => v!).ToList() : [];

    /// <summary>Runs a command; a refusal becomes the page's error instead of an error page. True when it succeeded.</summary>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (InputInvalidException invalid)
        {
            Fail("error.invalid", null, invalid.Errors.Messages().Select(p => ((string?)p.Field, p.Message)).ToList());
        }
        catch (CsvRejectedException) { throw; }
        catch (ConflictException conflict) when (conflict.Code is not null && !L["refusal." + conflict.Code].ResourceNotFound)
        {
            // A refusal the app knows is said in the reader's language, without the service's English detail.
            Fail("refusal." + conflict.Code, null);
        }
        catch (ConflictException conflict) when (conflict.Said is not null) { Fail("error.conflict", null, [(null, conflict.Said)]); }
        catch (ConflictException conflict) { Fail("error.conflict", conflict.Message); }
        catch (NotFoundException missing) { Fail("error.notfound", missing.Message); }
        catch (ForbiddenException forbidden) { Fail("error.forbidden", forbidden.Message); }
        catch (UnprocessableException unprocessable) { Fail("error.invalid", unprocessable.Message); }
        catch (TooManyRequestsException tooMany)
        {
            Fail("error.toomany", tooMany.Message);
            Http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return false;
        }
        Http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return false;
    }

    private void Fail(string key, string? detail, IReadOnlyList<(string?, Message)>? problems = null)
    {
        Error = L[key];
        ErrorDetail = detail;
        Problems = problems ?? [];
    }

    /// <summary>After a successful form: back to this page (or another) by GET, with the outcome named (post/redirect/get).</summary>
    protected void Redirect(string done, string? path = null, string? query = null)
    {
        // The page's own query (its filters) is kept, less the previous outcome.
        query ??= string.Join("&", Http.Request.Query.Where(q => q.Key != "done" && path is null)
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        var target = (path ?? Http.Request.Path.Value ?? "/") + "?done=" + Uri.EscapeDataString(done) + (query.Length == 0 ? "" : "&" + query);
        Nav.NavigateTo(target, forceLoad: true);
    }

    /// <summary>A time in the event's zone (the offset the service gives), in the reader's culture.</summary>
    protected static string Time(DateTimeOffset at) => at.ToString("t", CultureInfo.CurrentCulture);
    protected static string Day(DateTimeOffset at) => at.ToString("D", CultureInfo.CurrentCulture);
    protected static string Day(DateOnly date) => date.ToString("D", CultureInfo.CurrentCulture);
    protected static string ShortDay(DateOnly date) => date.ToString("ddd M/d", CultureInfo.CurrentCulture);
    /// <summary>An instant as the clock on the wall of the event reads it.</summary>
    protected static DateTimeOffset InZone(DateTimeOffset at, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(at, zone) : at;
    protected static string Time(TimeOnly at) => at.ToString("t", CultureInfo.CurrentCulture);
}
