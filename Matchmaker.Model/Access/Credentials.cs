using System.Security.Cryptography;
using System.Text;
using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Access;

/// <summary>
/// Secrets handed to people: an event's organiser key, a participant's personal token, a calendar feed token.
/// Each is <c>eventId.secret</c>, so the service knows which event to ask without trying them all; only the
/// SHA-256 of the secret is stored, so a leaked copy of storage signs nobody in.
/// </summary>
public static class Credentials
{
    private const int SecretBytes = 32;

    /// <summary>A fresh credential for an event, e.g. <c>demo.q3J…</c>.</summary>
    public static string New(string eventId) => $"{eventId}.{Base64Url(RandomNumberGenerator.GetBytes(SecretBytes))}";

    /// <summary>A credential derived from a key and a purpose: the same inputs always give the same credential.</summary>
    public static string Derived(string eventId, string key, string purpose) =>
        $"{eventId}.{Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{eventId}:{purpose}")))}";

    /// <summary>Splits a credential into its event and secret; false for anything that is not shaped like one.</summary>
    public static bool TryParse(string? credential, out string eventId, out string secret)
    {
        (eventId, secret) = ("", "");
        if (credential is null || credential.Length > 200) return false;
        var dot = credential.IndexOf('.');
        if (dot <= 0 || dot == credential.Length - 1) return false;
        (eventId, secret) = (credential[..dot], credential[(dot + 1)..]);
        return GrainKeys.IsValidId(eventId) && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    /// <summary>What is stored in place of a secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two secrets in time that does not depend on where they differ.</summary>
    public static bool SameSecret(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a stored credential hash stands for.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.credential-holder")]
public sealed record CredentialHolder(
    [property: Id(0)] ActorRole Role,
    [property: Id(1)] ParticipantKind? Kind,
    [property: Id(2)] string? ParticipantId,
    [property: Id(3)] DateTimeOffset IssuedAt)
{
    public Actor ToActor(string eventId) => new(Role, eventId, Kind, ParticipantId);

    public bool Holds(ParticipantKind kind, string participantId) => Kind == kind && ParticipantId == participantId;
}

/// <summary>A new credential: the hash the event keeps, and whom it stands for.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.issued-credential")]
public sealed record IssuedCredential(
    [property: Id(0)] string Hash,
    [property: Id(1)] CredentialHolder Holder)
{
    /// <summary>Issues a participant's personal token; the plain token goes to the caller once, the hash to storage.</summary>
    public static (string Token, IssuedCredential Issued) ForParticipant(string eventId, ParticipantKind kind, string participantId, DateTimeOffset now, string? token = null)
    {
        token ??= Credentials.New(eventId);
        Credentials.TryParse(token, out _, out var secret);
        return (token, new IssuedCredential(Credentials.Hash(secret), new CredentialHolder(ActorRole.Participant, kind, participantId, now)));
    }
}
