using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>One event week: its configuration and the index of who takes part. Key: event id.</summary>
public interface IEventGrain : IGrainWithStringKey
{
    /// <summary>Stores the configuration (already validated); returns true when the event was new.</summary>
    Task<bool> ConfigureAsync(EventConfig config);

    /// <summary>The configuration, or null when the event has not been configured.</summary>
    /// <remarks>A plain read that interleaves, so a grain this one is calling may read it back without a deadlock.</remarks>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<EventConfig?> GetConfigAsync();

    /// <summary>Adds or renames participants in the index, in one stored write.</summary>
    Task IndexParticipantsAsync(IReadOnlyList<ParticipantEntry> entries);

    /// <summary>A page of the participants of one kind, ordered by id.</summary>
    Task<ParticipantPage> ListParticipantsAsync(ParticipantKind kind, int offset, int limit);

    /// <summary>Every participant id of one kind, ordered by id.</summary>
    Task<IReadOnlyList<string>> GetParticipantIdsAsync(ParticipantKind kind);

    /// <summary>Makes a stored schedule version the published one: the single step that publishes.</summary>
    Task PublishScheduleAsync(int version);

    /// <summary>The published schedule version, or 0 when nothing has been published.</summary>
    Task<int> GetPublishedVersionAsync();
}
