using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;

namespace Matchmaker.Silo.Grains;

[GenerateSerializer, Alias("matchmaker.inbox-state")]
public sealed class InboxState
{
    /// <summary>Newest first.</summary>
    [Id(0)] public List<InboxEntry> Entries { get; set; } = [];
}

/// <summary>
/// A participant's notices and their outbox. A notice is stored before its mail leaves; a mail is marked "sending"
/// in storage before it is handed to the SMTP server and "sent" after, so a process that dies in between leaves
/// it unconfirmed instead of sending it again. A reminder keeps trying while mail waits, across restarts.
/// </summary>
public sealed class InboxGrain(
    [PersistentState("inbox", StorageNames.Tables)] IPersistentState<InboxState> state,
    INoticeMailer mailer,
    TimeProvider clock,
    ILogger<InboxGrain> logger)
    : Grain, IInboxGrain, IRemindable
{
    private const string OutboxReminder = "outbox";
    private IGrainTimer? _sendSoon;

    private List<InboxEntry> Entries => state.State.Entries;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Inbox.RecoverInterrupted(Entries) > 0)
        {
            logger.LogWarning("Inbox {Inbox}: mail being sent when the process stopped is marked unconfirmed, not sent again.", this.GetPrimaryKeyString());
            await WriteAsync();
        }
        if (!Inbox.HasPendingMail(Entries)) return;
        Inbox.RetryNow(Entries);
        SendSoon();
    }

    public async Task DeliverAsync(IReadOnlyList<Notice> notices)
    {
        if (Inbox.Add(Entries, notices, mailer.Enabled) == 0) return;
        if (mailer.Enabled) await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await WriteAsync();
        if (mailer.Enabled) SendSoon();
    }

    public Task<IReadOnlyList<InboxEntry>> ListAsync(int limit) =>
        Task.FromResult<IReadOnlyList<InboxEntry>>(Entries.Take(Math.Max(0, limit)).ToList());

    public async Task MarkReadAsync(IReadOnlyList<string>? ids)
    {
        if (Inbox.MarkRead(Entries, ids?.ToHashSet(StringComparer.Ordinal)) > 0) await WriteAsync();
    }

    public async Task ClearAsync()
    {
        await UnregisterOutboxReminderAsync();
        await state.ClearStateAsync();
        state.State = new InboxState();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == OutboxReminder ? SendDueAsync() : Task.CompletedTask;

    /// <summary>Sends right after the current call, on the grain's own turn, so the caller never waits for SMTP.</summary>
    private void SendSoon()
    {
        _sendSoon?.Dispose();
        _sendSoon = this.RegisterGrainTimer(async () => { _sendSoon?.Dispose(); _sendSoon = null; await SendDueAsync(); }, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task SendDueAsync()
    {
        var due = Inbox.DueForMail(Entries, clock.GetUtcNow());
        if (due.Count > 0)
        {
            foreach (var entry in due) Replace(Inbox.Sending(entry));
            await WriteAsync();
            var (eventId, recipient) = GrainKeys.SplitParticipant(this.GetPrimaryKeyString());
            var kind = recipient.StartsWith("startup.", StringComparison.Ordinal) ? ParticipantKind.Startup : ParticipantKind.Delegate;
            var participantId = recipient[(recipient.IndexOf('.') + 1)..];
            foreach (var entry in due)
            {
                var sending = Inbox.Sending(entry);
                (MailResult Result, string? Error) outcome;
                try { outcome = await mailer.SendAsync(eventId, kind, participantId, entry.Notice, CancellationToken.None); }
                catch (Exception ex) { outcome = (MailResult.Failed, ex.Message); }
                if (outcome.Result == MailResult.Failed)
                    logger.LogWarning("Mail of notice {Notice} to {Inbox} failed (try {Attempt}): {Error}", entry.Notice.Id, this.GetPrimaryKeyString(), sending.Attempts, outcome.Error);
                Replace(Inbox.After(sending, outcome.Result, outcome.Error, clock.GetUtcNow()));
            }
            await WriteAsync();
        }
        if (!Inbox.HasPendingMail(Entries)) await UnregisterOutboxReminderAsync();
    }

    private void Replace(InboxEntry entry)
    {
        var index = Entries.FindIndex(e => e.Notice.Id == entry.Notice.Id);
        if (index >= 0) Entries[index] = entry;
    }

    private async Task UnregisterOutboxReminderAsync()
    {
        if (await this.GetReminder(OutboxReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private Task WriteAsync() => state.WriteOrRevertAsync(DeactivateOnIdle);
}
