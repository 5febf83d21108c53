using System.Security.Claims;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;

namespace Matchmaker.Api.Identity;

/// <summary>The actor behind a request, carried as claims between authentication and the handlers.</summary>
public static class ActorClaims
{
    private const string Role = "matchmaker:role";
    private const string Event = "matchmaker:event";
    private const string Kind = "matchmaker:kind";
    private const string Participant = "matchmaker:participant";

    public static ClaimsPrincipal ToPrincipal(Actor actor, string scheme)
    {
        var claims = new List<Claim> { new(Role, actor.Role.ToString()) };
        if (actor.EventId is not null) claims.Add(new Claim(Event, actor.EventId));
        if (actor.Kind is { } kind) claims.Add(new Claim(Kind, kind.ToString()));
        if (actor.ParticipantId is not null) claims.Add(new Claim(Participant, actor.ParticipantId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The signed-in actor, or null for an anonymous caller.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !Enum.TryParse<ActorRole>(user.FindFirstValue(Role), out var role)) return null;
        ParticipantKind? kind = Enum.TryParse<ParticipantKind>(user.FindFirstValue(Kind), out var k) ? k : null;
        return new Actor(role, user.FindFirstValue(Event), kind, user.FindFirstValue(Participant));
    }

    /// <summary>The signed-in actor; endpoints behind the authorization policy always have one.</summary>
    public static Actor RequireActor(this ClaimsPrincipal user) =>
        user.ToActor() ?? throw new Errors.UnauthenticatedException("This needs a credential: Authorization: Bearer <token>, or sign in with your link.");
}
