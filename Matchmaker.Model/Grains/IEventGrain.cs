using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>One event week: its configuration, the index of who takes part, and the hashes of its credentials. Key: event id.</summary>
public interface IEventGrain : IGrainWithStringKey
{
    /// <summary>Creates the event with its organiser key's hash; false (and nothing changed) when it exists already.</summary>
    Task<bool> CreateAsync(EventConfig config, string organiserKeyHash);

    /// <summary>Replaces the configuration of an existing event (already validated and checked against the published schedule).</summary>
    Task ConfigureAsync(EventConfig config);

    /// <summary>The configuration, or null when the event has not been created.</summary>
    /// <remarks>A plain read that interleaves, so a grain this one is calling may read it back without a deadlock.</remarks>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<EventConfig?> GetConfigAsync();

    /// <summary>Who holds the credential whose secret hashes to this, or null when no live credential does.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<Actor?> AuthenticateAsync(string secretHash);

    /// <summary>
    /// Adds or renames participants in the index and stores their new credentials, in one write. With an import id,
    /// the same write marks that import committed: its staged profiles become the participants' own.
    /// </summary>
    Task RegisterParticipantsAsync(IReadOnlyList<ParticipantEntry> entries, IReadOnlyList<IssuedCredential> credentials, string? importId);

    /// <summary>Whether an import was committed (its staged profiles are to be kept).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsImportCommittedAsync(string importId);

    /// <summary>Whether the participant is in the index.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsRegisteredAsync(ParticipantKind kind, string participantId);

    /// <summary>Replaces a participant's personal token (rotation), or revokes it when null.</summary>
    Task ReplaceCredentialAsync(ParticipantKind kind, string participantId, IssuedCredential? replacement);

    /// <summary>Replaces the organiser key; the old one stops working.</summary>
    Task ReplaceOrganiserKeyAsync(string organiserKeyHash);

    /// <summary>The participant's read-only calendar feed token (the same each time), or a new one that revokes the old.</summary>
    Task<string> CalendarFeedTokenAsync(ParticipantKind kind, string participantId, bool replace);

    /// <summary>Removes a participant from the index and revokes its credentials.</summary>
    Task RemoveParticipantAsync(ParticipantKind kind, string participantId);

    /// <summary>A page of the participants of one kind, ordered by id.</summary>
    Task<ParticipantPage> ListParticipantsAsync(ParticipantKind kind, int offset, int limit);

    /// <summary>Every participant id of one kind, ordered by id.</summary>
    Task<IReadOnlyList<string>> GetParticipantIdsAsync(ParticipantKind kind);

    /// <summary>Makes a stored schedule version the published one: the single step that publishes.</summary>
    Task PublishScheduleAsync(int version);

    /// <summary>The published schedule version, or 0 when nothing has been published.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<int> GetPublishedVersionAsync();

    /// <summary>Forgets the event: configuration, index and credentials (its participants are deleted first).</summary>
    Task DeleteAsync();
}
