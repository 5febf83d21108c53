using System.Threading.RateLimiting;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Features.Requests;

/// <summary>
/// The requests and invitations one participant may send per minute (<c>Identity:RequestsPerMinute</c>), counted in
/// the command rather than on the route, so the web app's forms and the HTTP API share one allowance.
/// </summary>
public sealed class RequestSendingLimiter(IOptions<MatchmakerIdentityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(sender =>
        RateLimitPartition.GetFixedWindowLimiter(sender, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Counts one send for the actor, or refuses it (429) when its minute's allowance is used up.</summary>
    public void Count(Actor actor)
    {
        using var lease = _limiter.AttemptAcquire(actor.ToString());
        if (!lease.IsAcquired)
            throw new TooManyRequestsException($"{options.Value.RequestsPerMinute} requests a minute is the most one participant may send: try again in a minute.");
    }

    public void Dispose() => _limiter.Dispose();
}
