using Matchmaker.Api.Errors;

namespace Matchmaker.Api.Identity;

internal static class AccessCheck
{
    /// <summary>Turns a rule's refusal into a 403 that says what was refused.</summary>
    public static void Require(bool allowed, string refusal)
    {
        if (!allowed) throw new ForbiddenException(refusal);
    }
}
