using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Notices;

/// <summary>
/// One participant's notices, and the outbox that mails them. Key: <see cref="KeyOf"/>. Mail leaves after the
/// notice is stored, is retried while the SMTP server is away, and is never sent twice.
/// </summary>
public interface IInboxGrain : IGrainWithStringKey
{
    static string KeyOf(string eventId, ParticipantKind kind, string participantId) =>
        GrainKeys.Participant(eventId, $"{(kind == ParticipantKind.Startup ? "startup" : "delegate")}.{participantId}");

    /// <summary>Stores the notices not already held and queues their mail.</summary>
    Task DeliverAsync(IReadOnlyList<Notice> notices);

    /// <summary>The newest notices first.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<InboxEntry>> ListAsync(int limit);

    /// <summary>Marks the named notices read, or all of them when <paramref name="ids"/> is null.</summary>
    Task MarkReadAsync(IReadOnlyList<string>? ids);

    /// <summary>Forgets every notice (the participant deleted its data).</summary>
    Task ClearAsync();
}

/// <summary>Sends one notice by email, in the participant's language, with its agenda attached.</summary>
public interface INoticeMailer
{
    /// <summary>False when this instance has no SMTP server: notices then stay in the inbox only.</summary>
    bool Enabled { get; }

    Task<(MailResult Result, string? Error)> SendAsync(string eventId, ParticipantKind kind, string participantId, Notice notice, CancellationToken cancellationToken);
}

/// <summary>An instance without mail: notices stay in the inbox, marked not mailed.</summary>
public sealed class MailOff : INoticeMailer
{
    public bool Enabled => false;

    public Task<(MailResult Result, string? Error)> SendAsync(string eventId, ParticipantKind kind, string participantId, Notice notice, CancellationToken cancellationToken) =>
        Task.FromResult<(MailResult, string?)>((MailResult.Failed, "This instance sends no mail."));
}
