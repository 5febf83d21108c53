using Matchmaker.Model.Notices;

namespace Matchmaker.Tests.Notices;

public sealed class InboxTests
{
    private static readonly DateTimeOffset Now = new(2027, 5, 10, 8, 0, 0, TimeSpan.Zero);

    private static Notice Notice(string id) => new(id, NoticeKind.RequestReceived, Now);

    [Fact]
    public void The_same_notice_delivered_twice_is_kept_and_mailed_once()
    {
        var entries = new List<InboxEntry>();
        Assert.Equal(2, Inbox.Add(entries, [Notice("a"), Notice("b")], mailEnabled: true));
        Assert.Equal(0, Inbox.Add(entries, [Notice("a")], mailEnabled: true));
        Assert.Equal(["b", "a"], entries.Select(e => e.Notice.Id));
        Assert.Equal(2, Inbox.DueForMail(entries, Now).Count);
    }

    [Fact]
    public void Without_mail_notices_are_kept_as_not_mailed()
    {
        var entries = new List<InboxEntry>();
        Inbox.Add(entries, [Notice("a")], mailEnabled: false);
        Assert.Equal(MailStatus.NotMailed, entries[0].Mail);
        Assert.Empty(Inbox.DueForMail(entries, Now));
    }

    [Fact]
    public void A_failed_mail_waits_longer_each_time_then_gives_up()
    {
        var entry = new InboxEntry(Notice("a"), false, MailStatus.Pending);
        var pauses = new List<TimeSpan>();
        for (var attempt = 1; attempt <= Inbox.MaxAttempts; attempt++)
        {
            entry = Inbox.After(Inbox.Sending(entry), MailResult.Failed, "connection refused", Now);
            if (entry.Mail == MailStatus.Pending) pauses.Add(entry.RetryAt!.Value - Now);
        }
        Assert.Equal(MailStatus.Failed, entry.Mail);
        Assert.Equal("connection refused", entry.MailError);
        Assert.Equal(Inbox.MaxAttempts - 1, pauses.Count);
        Assert.True(pauses.SequenceEqual(pauses.Order()) && pauses[^1] > pauses[0]);
    }

    [Fact]
    public void A_mail_in_flight_when_the_process_stopped_is_never_sent_again()
    {
        var entries = new List<InboxEntry> { Inbox.Sending(new InboxEntry(Notice("a"), false, MailStatus.Pending)), new(Notice("b"), false, MailStatus.Pending) };
        Assert.Equal(1, Inbox.RecoverInterrupted(entries));
        Assert.Equal(MailStatus.Unconfirmed, entries[0].Mail);
        Assert.Equal(["b"], Inbox.DueForMail(entries, Now).Select(e => e.Notice.Id));
    }

    [Fact]
    public void A_full_inbox_drops_old_read_notices_first_and_never_one_still_to_mail()
    {
        var entries = new List<InboxEntry>();
        Inbox.Add(entries, [Notice("pending")], mailEnabled: true);
        Inbox.Add(entries, Enumerable.Range(0, Inbox.Capacity - 1).Select(i => Notice($"n{i}")), mailEnabled: false);
        Inbox.MarkRead(entries, ["n150"]);

        Inbox.Add(entries, [Notice("new")], mailEnabled: false);
        Assert.Equal(Inbox.Capacity, entries.Count);
        Assert.DoesNotContain(entries, e => e.Notice.Id == "n150");
        Assert.Contains(entries, e => e.Notice.Id == "n0");

        // No read one left: the oldest unread goes, never the one whose mail is still waiting.
        Inbox.Add(entries, [Notice("newer")], mailEnabled: false);
        Assert.DoesNotContain(entries, e => e.Notice.Id == "n0");
        Assert.Contains(entries, e => e.Notice.Id == "pending");
    }

    [Fact]
    public void Marking_read_counts_what_changed()
    {
        var entries = new List<InboxEntry>();
        Inbox.Add(entries, [Notice("a"), Notice("b")], mailEnabled: false);
        Assert.Equal(1, Inbox.MarkRead(entries, ["a"]));
        Assert.Equal(1, Inbox.MarkRead(entries, null));
        Assert.Equal(0, Inbox.MarkRead(entries, null));
    }
}
