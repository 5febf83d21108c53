using Matchmaker.Model.Access;
using Microsoft.AspNetCore.Authorization;

namespace Matchmaker.Api.Identity;

/// <summary>Operator views (metrics, the Orleans dashboard) are for the instance admin key alone, never an event's credentials.</summary>
public static class InstanceAdmin
{
    public const string Policy = "instance-admin";

    public static AuthorizationBuilder AddInstanceAdminPolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.ToActor()?.Role == ActorRole.Admin));
}
