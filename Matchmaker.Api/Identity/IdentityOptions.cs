namespace Matchmaker.Api.Identity;

/// <summary>Settings of the <c>Identity</c> section.</summary>
public sealed class MatchmakerIdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The instance admin key; the host generates one in development when none is configured.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Failed credentials one client address may present per minute before it is told to wait (429).</summary>
    public int FailedCredentialsPerMinute { get; set; } = 30;

    /// <summary>Sign-ins one client address may make per minute.</summary>
    public int SignInsPerMinute { get; set; } = 20;

    /// <summary>
    /// How long a node trusts a credential it checked, without asking the event again (see RecentCredentials). A
    /// revocation is immediate on the node whose grain made it and takes up to this long on the others; 0 checks every request.
    /// </summary>
    public int CredentialCacheSeconds { get; set; } = 5;

    /// <summary>Requests (new meeting requests and invitations) one participant may send per minute.</summary>
    public int RequestsPerMinute { get; set; } = 30;
}
