using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Matchmaker.Api.Web;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Identity;

/// <summary>
/// One scheme for every credential: the admin key, an organiser key or a participant token as
/// <c>Authorization: Bearer</c>, the same token in the HttpOnly session cookie the sign-in link sets, or a
/// calendar feed token in the <c>feed</c> query value of an agenda URL. The event named inside the token keeps
/// the hashes, so checking a token is one grain call; what it stands for becomes the request's actor.
/// </summary>
public sealed class CredentialAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    IOptions<MatchmakerIdentityOptions> identity,
    FailedCredentialLimiter limiter,
    RecentCredentials recent,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Credential";
    public const string SessionCookie = "matchmaker_session";
    public const string FeedQuery = "feed";
    private const string TooManyFailures = "matchmaker:too-many-failures";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credential = Presented();
        if (credential is null) return AuthenticateResult.NoResult();
        if (limiter.IsBlocked(Context))
        {
            Context.Items[TooManyFailures] = true;
            return AuthenticateResult.Fail("Too many failed credentials from this address; wait a minute.");
        }

        var actor = await ResolveAsync(grains, identity.Value, credential, recent);
        if (actor is null)
        {
            limiter.RecordFailure(Context);
            return AuthenticateResult.Fail("The credential is not valid: it may be mistyped, rotated or revoked.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.ToPrincipal(actor, SchemeName), SchemeName));
    }

    /// <summary>
    /// Who a credential stands for, or null; shared by the handler and the sign-in endpoint. With <paramref name="recent"/>,
    /// a credential this node checked seconds ago is not checked again (requests); without, always (sign-ins, start-up).
    /// </summary>
    public static async Task<Actor?> ResolveAsync(IGrainFactory grains, MatchmakerIdentityOptions identity, string credential, RecentCredentials? recent = null)
    {
        if (identity.AdminKey is { Length: > 0 } adminKey && Credentials.SameSecret(credential, adminKey)) return Actor.Admin;
        if (!Credentials.TryParse(credential, out var eventId, out var secret)) return null;
        if (recent is not null && recent.TryGet(credential, eventId, out var known)) return known;
        var epoch = recent?.EpochOf(eventId) ?? 0;
        var actor = await grains.GetGrain<IEventGrain>(eventId).AuthenticateAsync(Credentials.Hash(secret));
        if (actor is not null) recent?.Keep(credential, eventId, actor, epoch);
        return actor;
    }

    private string? Presented()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        if (Request.Query.TryGetValue(FeedQuery, out var feed) && feed.Count == 1) return feed[0];
        return Request.Cookies.TryGetValue(SessionCookie, out var cookie) && cookie.Length > 0 ? cookie : null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.IsWebPage())
        {
            // A page sends people to sign in, or tells them their link stopped working, instead of a ProblemDetails.
            var failed = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
            Response.Redirect(failed ? "/signin/expired" : "/?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        var blocked = Context.Items.ContainsKey(TooManyFailures);
        Response.StatusCode = blocked ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        if (blocked) Response.Headers.RetryAfter = "60";
        else Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = Response.StatusCode,
                Title = blocked ? "Too many failed credentials." : "Sign in first.",
                Detail = failure ?? "This needs a credential: an organiser key or a personal token as Authorization: Bearer, or sign in with your link.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Context.IsWebPage())
        {
            // Signed in as someone else (a startup on an organiser page): their own home.
            Response.Redirect("/");
            return;
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden.",
                Detail = "Your credential belongs to another event or role; it gives no access here.",
            },
        });
    }
}

/// <summary>
/// Counts failed credentials per client address (ASP.NET Core's rate-limiting primitives, one fixed window per
/// address): past the limit, every credential from that address is refused with 429 until the window ends.
/// Process-local on purpose: it guards this node's door, and holds no user data.
/// </summary>
public sealed class FailedCredentialLimiter(IOptions<MatchmakerIdentityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedCredentialsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool IsBlocked(HttpContext http) => _failures.GetStatistics(AddressOf(http))?.CurrentAvailablePermits == 0;

    public void RecordFailure(HttpContext http) => _failures.AttemptAcquire(AddressOf(http)).Dispose();

    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    public void Dispose() => _failures.Dispose();
}
