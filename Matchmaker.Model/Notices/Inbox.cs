namespace Matchmaker.Model.Notices;

/// <summary>Where a notice's email stands.</summary>
[GenerateSerializer, Alias("matchmaker.mail-status")]
public enum MailStatus
{
    /// <summary>Waiting in the outbox (or for its next try).</summary>
    Pending = 0,
    /// <summary>Handed to the SMTP server, which accepted it.</summary>
    Sent = 1,
    /// <summary>Handed to the SMTP server when the process stopped, before the answer was stored: never sent again, so never twice.</summary>
    Unconfirmed = 2,
    /// <summary>The participant has no contact email; the notice is in the inbox only.</summary>
    NoAddress = 3,
    /// <summary>Every try failed; the notice is in the inbox only.</summary>
    Failed = 4,
    /// <summary>This instance sends no mail (no SMTP server configured).</summary>
    NotMailed = 5,
    /// <summary>Being handed to the SMTP server now.</summary>
    Sending = 6,
}

/// <summary>A notice in a participant's inbox, with whether it was read and where its email stands.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.inbox-entry")]
public sealed record InboxEntry(
    [property: Id(0)] Notice Notice,
    [property: Id(1)] bool Read,
    [property: Id(2)] MailStatus Mail,
    [property: Id(3)] int Attempts = 0,
    [property: Id(4)] DateTimeOffset? RetryAt = null,
    [property: Id(5)] string? MailError = null);

/// <summary>How a mail attempt ended.</summary>
public enum MailResult
{
    Sent,
    NoAddress,
    /// <summary>The server or the network failed; worth another try.</summary>
    Failed,
}

/// <summary>
/// The inbox and outbox rules: one entry per notice id, newest first, at most <see cref="Capacity"/> kept; mail is
/// tried a few times with growing pauses, and a send the process did not live to record is never repeated.
/// </summary>
public static class Inbox
{
    public const int Capacity = 300;
    public const int MaxAttempts = 6;

    /// <summary>Adds the notices not already held; returns how many were new.</summary>
    public static int Add(List<InboxEntry> entries, IEnumerable<Notice> notices, bool mailEnabled)
    {
        var added = 0;
        foreach (var notice in notices)
        {
            if (entries.Any(e => e.Notice.Id == notice.Id)) continue;
            entries.Insert(0, new InboxEntry(notice, Read: false, mailEnabled ? MailStatus.Pending : MailStatus.NotMailed));
            added++;
        }
        // Old read notices make room first; a notice whose mail is still on its way is never dropped.
        while (entries.Count > Capacity)
        {
            var oldest = entries.FindLastIndex(e => e.Mail != MailStatus.Pending && e.Mail != MailStatus.Sending && e.Read);
            if (oldest < 0) oldest = entries.FindLastIndex(e => e.Mail != MailStatus.Pending && e.Mail != MailStatus.Sending);
            if (oldest < 0) break;
            entries.RemoveAt(oldest);
        }
        return added;
    }

    /// <summary>Marks the named notices read (all when <paramref name="ids"/> is null); returns how many changed.</summary>
    public static int MarkRead(List<InboxEntry> entries, IReadOnlyCollection<string>? ids)
    {
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Read || (ids is not null && !ids.Contains(entries[i].Notice.Id))) continue;
            entries[i] = entries[i] with { Read = true };
            changed++;
        }
        return changed;
    }

    /// <summary>The entries whose mail is due now, oldest first.</summary>
    public static IReadOnlyList<InboxEntry> DueForMail(IEnumerable<InboxEntry> entries, DateTimeOffset now) =>
        entries.Where(e => e.Mail == MailStatus.Pending && (e.RetryAt is null || e.RetryAt <= now)).Reverse().ToList();

    public static bool HasPendingMail(IEnumerable<InboxEntry> entries) => entries.Any(e => e.Mail is MailStatus.Pending or MailStatus.Sending);

    /// <summary>When the next try of a waiting mail is due, if any.</summary>
    public static DateTimeOffset? NextRetry(IEnumerable<InboxEntry> entries)
    {
        var waiting = entries.Where(e => e.Mail == MailStatus.Pending).ToList();
        return waiting.Count == 0 ? null : waiting.Min(e => e.RetryAt ?? DateTimeOffset.MinValue);
    }

    public static InboxEntry Sending(InboxEntry entry) => entry with { Mail = MailStatus.Sending, Attempts = entry.Attempts + 1 };

    /// <summary>The entry after an attempt: sent, no address, or back in the outbox with a longer pause, until the last try.</summary>
    public static InboxEntry After(InboxEntry entry, MailResult result, string? error, DateTimeOffset now) => result switch
    {
        MailResult.Sent => entry with { Mail = MailStatus.Sent, RetryAt = null, MailError = null },
        MailResult.NoAddress => entry with { Mail = MailStatus.NoAddress, RetryAt = null },
        _ when entry.Attempts >= MaxAttempts => entry with { Mail = MailStatus.Failed, RetryAt = null, MailError = error },
        _ => entry with { Mail = MailStatus.Pending, RetryAt = now + RetryPause(entry.Attempts), MailError = error },
    };

    /// <summary>1, 2, 4, 8, 16 minutes: an SMTP server back within half an hour gets everything.</summary>
    public static TimeSpan RetryPause(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, Math.Max(0, attempts - 1)));

    /// <summary>A new activation (often after a restart, or an SMTP server back up) tries waiting mail at once.</summary>
    public static void RetryNow(List<InboxEntry> entries)
    {
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].Mail == MailStatus.Pending && entries[i].RetryAt is not null) entries[i] = entries[i] with { RetryAt = null };
    }

    /// <summary>
    /// After a restart: a mail that was being handed over when the process stopped may have reached the server, so
    /// it is marked unconfirmed and not sent again (at most once, never twice). Returns how many changed.
    /// </summary>
    public static int RecoverInterrupted(List<InboxEntry> entries)
    {
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Mail != MailStatus.Sending) continue;
            entries[i] = entries[i] with { Mail = MailStatus.Unconfirmed };
            changed++;
        }
        return changed;
    }
}
