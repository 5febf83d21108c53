using Matchmaker.Model.Domain;
using Matchmaker.Api.Errors;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Identity;

/// <summary>Who the caller is, as the service sees it.</summary>
public sealed record WhoAmI(string Role, string? EventId, ParticipantKind? Kind, string? ParticipantId);

public static class SignInApi
{
    public const string RateLimitPolicy = "sign-in";

    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicy)
            .WithTags("Identity").WithName("SignIn")
            .WithSummary("Opens a personal sign-in link: the token becomes an HttpOnly session cookie, then the participant's view.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapPost("/signout", SignOut).AllowAnonymous()
            .WithTags("Identity").WithName("SignOut").WithSummary("Forgets the session cookie.");
        routes.MapGet("/api/events/{eventId}/me", (HttpContext http) =>
            {
                var actor = http.User.RequireActor();
                return TypedResults.Ok(new WhoAmI(actor.Role.ToString().ToLowerInvariant(), actor.EventId, actor.Kind, actor.ParticipantId));
            })
            .RequireAuthorization(EventScopeRequirement.Policy)
            .WithTags("Identity").WithName("WhoAmI").WithSummary("Who the credential stands for.");
        return routes;
    }

    /// <summary>The link a participant receives: opening it signs them in.</summary>
    public static string LinkFor(HttpRequest request, string token) => LinkFor(SiteOf(request), token);

    public static string LinkFor(string siteUrl, string token) => $"{siteUrl.TrimEnd('/')}/signin?token={Uri.EscapeDataString(token)}";

    /// <summary>Where the caller reached this host: the base of links it hands out.</summary>
    public static string SiteOf(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static async Task<RedirectHttpResult> SignInAsync(string? token, HttpContext http, IGrainFactory grains,
        IOptions<MatchmakerIdentityOptions> identity, FailedCredentialLimiter limiter)
    {
        // A browser opening the link gets the web app's pages; an API client gets ProblemDetails and who it is.
        var browser = WantsPage(http.Request);
        if (string.IsNullOrEmpty(token))
        {
            if (browser) return TypedResults.Redirect("/signin/expired");
            throw InputInvalidException.For("token", Phrases.Plain("is required: open the whole link you received."));
        }
        var actor = await CredentialAuthenticationHandler.ResolveAsync(grains, identity.Value, token);
        if (actor is not { Role: ActorRole.Participant or ActorRole.Organiser })
        {
            limiter.RecordFailure(http);
            if (browser) return TypedResults.Redirect("/signin/expired");
            throw new UnauthenticatedException("This sign-in link is not valid any more: it was replaced or revoked. Ask the organiser for a new one.");
        }
        SetSessionCookie(http, token);
        return TypedResults.Redirect(browser ? "/" : $"/api/events/{actor.EventId}/me");
    }

    /// <summary>The HttpOnly session cookie the web app and the API read the credential from.</summary>
    public static void SetSessionCookie(HttpContext http, string token) =>
        http.Response.Cookies.Append(CredentialAuthenticationHandler.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
        });

    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static Results<NoContent, RedirectHttpResult> SignOut(HttpContext http)
    {
        http.Response.Cookies.Delete(CredentialAuthenticationHandler.SessionCookie, new CookieOptions { Path = "/" });
        // The web app's sign-out button is a form: the browser goes back to the start page.
        return WantsPage(http.Request) ? TypedResults.Redirect("/") : TypedResults.NoContent();
    }
}
