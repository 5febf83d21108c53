using System.Globalization;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace Matchmaker.Api.Web;

/// <summary>Endpoint metadata: a page of the web app (HTML for people), not an endpoint of the JSON API.</summary>
public sealed class WebPageMetadata
{
    public static readonly WebPageMetadata Instance = new();
    private WebPageMetadata() { }
}

/// <summary>
/// The web app: Razor components rendered on the server (static SSR, plain HTML forms), its embedded assets,
/// English and Korean, the language switch and the API reference at /docs.
/// </summary>
public static class WebApp
{
    public const string ParticipantPolicy = "web-participant";
    public const string OrganiserPolicy = "web-organiser";
    public const string AssetsPath = "/assets";
    public static readonly string[] Cultures = ["en", "ko"];

    public static IServiceCollection AddMatchmakerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
        });
        services.AddAntiforgery(options => options.Cookie.Name = "matchmaker_antiforgery");
        services.AddAuthorizationBuilder()
            .AddPolicy(ParticipantPolicy, policy => policy.RequireAssertion(c => c.User.ToActor() is { Role: ActorRole.Participant, ParticipantId: not null }))
            .AddPolicy(OrganiserPolicy, policy => policy.RequireAssertion(c => c.User.ToActor() is { Role: ActorRole.Organiser, EventId: not null }));
        return services;
    }

    /// <summary>Before routing: the reader's language, and the embedded assets (anonymous, cacheable).</summary>
    public static WebApplication UseMatchmakerWebAssets(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(WebApp).Assembly, "wwwroot"),
            RequestPath = AssetsPath,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    public static WebApplication MapMatchmakerWeb(this WebApplication app)
    {
        app.MapRazorComponents<App>().WithMetadata(WebPageMetadata.Instance);
        app.MapGet("/culture", SetCulture).AllowAnonymous().WithMetadata(WebPageMetadata.Instance).ExcludeFromDescription();
        app.MapScalarApiReference("/docs", scalar => scalar
                .WithTitle("Matchmaker API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .AllowAnonymous().WithMetadata(WebPageMetadata.Instance, RelaxedContentPolicy.Instance);
        return app;
    }

    /// <summary>The language switch: remembers the choice in the localization cookie and goes back to the page.</summary>
    public static IResult SetCulture(string? c, string? r, HttpContext http)
    {
        var culture = Cultures.Contains(c) ? c! : Cultures[0];
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
        return TypedResults.LocalRedirect(IsLocal(r) ? r! : "/");
    }

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    public static bool IsWebPage(this HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<WebPageMetadata>() is not null;

    public static CultureInfo Culture => CultureInfo.CurrentUICulture;
}

/// <summary>Endpoint metadata: the page runs inline script of its own (the Scalar reference), so its content policy allows it.</summary>
public sealed class RelaxedContentPolicy
{
    public static readonly RelaxedContentPolicy Instance = new();
    public const string Value = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    private RelaxedContentPolicy() { }
}
