using Microsoft.AspNetCore.Http;

namespace Matchmaker.Api.Pipeline;

/// <summary>
/// Headers every answer carries: no sniffing, no framing, no referrer (sign-in links carry tokens in their
/// query, which a Referer would leak), a content policy of this origin only, and no caching of personal data.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = http.GetEndpoint()?.Metadata.GetMetadata<Web.RelaxedContentPolicy>() is not null
                ? Web.RelaxedContentPolicy.Value
                : "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
