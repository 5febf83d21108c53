using Matchmaker.Api.Errors;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard (silos, grain activations and calls, reminders) at <c>/dashboard/</c>, for the instance admin
/// only. A browser signs in once at <c>/dashboard/signin</c> with the admin key, which becomes an HttpOnly,
/// SameSite=Strict cookie sent to <c>/dashboard</c> alone; a client may send the key as a bearer token instead. The
/// dashboard's grain state viewer is switched off: the instance admin never reads participants' data.
/// <c>Operations:Dashboard=false</c> leaves it all out (and with it the dashboard's per-call profiling).
/// </summary>
public static class OperatorDashboard
{
    public const string Path = "/dashboard";
    public const string SignInPath = Path + "/signin";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Operations:Dashboard", true);

    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        IsEnabled(configuration) ? silo.AddDashboard() : silo;

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration)) return app;
        // An operator tool, not part of the API: kept out of the OpenAPI document.
        var dashboard = app.MapOrleansDashboard(Path).RequireAuthorization(InstanceAdmin.Policy).ExcludeFromDescription();
        ((IEndpointConventionBuilder)dashboard).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } route && pattern.EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase))
                route.RequestDelegate = http =>
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                };
        });

        app.MapGet(SignInPath, () => TypedResults.Content(SignInForm, "text/html; charset=utf-8")).AllowAnonymous()
            .WithTags("Operations").WithName("DashboardSignInForm").ExcludeFromDescription();
        app.MapPost(SignInPath, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInApi.RateLimitPolicy)
            .WithTags("Operations").WithName("DashboardSignIn").ExcludeFromDescription();
        return app;
    }

    private static async Task<RedirectHttpResult> SignInAsync(HttpContext http, IOptions<MatchmakerIdentityOptions> identity, FailedCredentialLimiter limiter)
    {
        var key = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync()).TryGetValue("key", out var value) ? value.ToString() : "" : "";
        if (limiter.IsBlocked(http) || identity.Value.AdminKey is not { Length: > 0 } adminKey || !Credentials.SameSecret(key, adminKey))
        {
            limiter.RecordFailure(http);
            throw new UnauthenticatedException("That is not the instance admin key.");
        }
        http.Response.Cookies.Append(CredentialAuthenticationHandler.SessionCookie, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = Path,
            MaxAge = TimeSpan.FromHours(8),
        });
        return TypedResults.Redirect(Path + "/");
    }

    private const string SignInForm = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>Matchmaker operators</title></head>
        <body><main><h1>Orleans dashboard</h1>
        <form method="post" action="/dashboard/signin">
        <label for="key">Instance admin key</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
        </form></main></body></html>
        """;
}
