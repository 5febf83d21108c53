using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Notices;

/// <summary>Notices reach the inbox and a real SMTP server (maildev): in the reader's language, with the agenda, once.</summary>
[Collection(MailCollection.Name)]
public sealed class NoticeMailTests(AzuriteFixture storage, MaildevFixture mail)
{
    private static string Address(string id) => $"{id}-{Guid.NewGuid().ToString("N")[..8]}@mail.test";

    private static async Task<(string Startup, string Scout)> RegisterPairAsync(EventHost host, string startupLanguage = "ko")
    {
        var (startupMail, scoutMail) = (Address("s1"), Address("d1"));
        (await host.RegisterAsync("startups", "s1", new { profile = Samples.Startup("Nuvi Robotics") with { ContactEmail = startupMail, Language = startupLanguage } })).EnsureSuccessStatusCode();
        (await host.RegisterAsync("delegates", "d1", new { profile = Samples.Delegate("Jiwoo Park") with { ContactEmail = scoutMail, Language = "en" } })).EnsureSuccessStatusCode();
        return (startupMail, scoutMail);
    }

    private static async Task<JsonArray> NoticesAsync(EventHost host, string who, string path) =>
        (await (await host.As(who).GetAsync(host.Url($"/{path}/{who}/notices"))).ReadJsonAsync())["notices"]!.AsArray();

    [Fact]
    public async Task A_request_and_its_acceptance_each_mail_the_other_party_once_in_its_language_with_the_agenda_attached()
    {
        await using var host = await EventHost.StartAsync(storage, settings: mail.Settings);
        var (startupMail, scoutMail) = await RegisterPairAsync(host);

        (await host.As("s1").PostAsJsonAsync(host.Url("/requests"), new { startupId = "s1", delegateId = "d1", message = "Vision chips for your robots?" })).EnsureSuccessStatusCode();
        var request = Assert.Single(await mail.WaitForMailsAsync(scoutMail, 1));
        Assert.Equal("Nuvi Robotics asks to meet you at Smart Life Week", (string?)request["subject"]);
        Assert.Contains("Vision chips for your robots?", (string?)request["text"]);
        Assert.Contains(request["attachments"]!.AsArray(), a => (string?)a!["filename"] == "agenda.ics");

        (await host.As("d1").PostAsync(host.Url("/requests/s1.d1/accept"), null)).EnsureSuccessStatusCode();
        var accepted = Assert.Single(await mail.WaitForMailsAsync(startupMail, 1));
        // The startup reads Korean.
        Assert.Contains("수락", (string?)accepted["subject"]);
        Assert.Contains("Jiwoo Park", (string?)accepted["subject"]);

        // Each party sees its notice in the inbox, mailed; nobody is told what it did itself.
        var scoutNotices = await NoticesAsync(host, "d1", "delegates");
        Assert.Equal(("request-received", "sent"), ((string?)scoutNotices.Single()!["kind"], (string?)scoutNotices.Single()!["mail"]));
        Assert.Equal("request-accepted", (string?)(await NoticesAsync(host, "s1", "startups")).Single()!["kind"]);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await mail.MailsToAsync(scoutMail));
        Assert.Single(await mail.MailsToAsync(startupMail));
    }

    [Fact]
    public async Task A_published_schedule_mails_each_participant_whose_agenda_changed_once()
    {
        await using var host = await EventHost.StartAsync(storage, settings: mail.Settings);
        var (startupMail, scoutMail) = await RegisterPairAsync(host, startupLanguage: "en");
        (await host.As("s1").PostAsJsonAsync(host.Url("/requests"), new { startupId = "s1", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await host.As("d1").PostAsync(host.Url("/requests/s1.d1/accept"), null)).EnsureSuccessStatusCode();

        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(host.Client, host.EventId))["status"]);

        bool IsSchedule(JsonNode m) => ((string?)m["subject"])!.Contains("(version 1)");
        var toStartup = Assert.Single(await mail.WaitForMailsAsync(startupMail, 1, IsSchedule));
        var toScout = Assert.Single(await mail.WaitForMailsAsync(scoutMail, 1, IsSchedule));
        Assert.Contains("Jiwoo Park (Samsung Electronics)", (string?)toStartup["text"]);
        Assert.Contains("Nuvi Robotics", (string?)toScout["text"]);
        Assert.Contains("table", (string?)toStartup["text"]);

        // Running the batch again changes nothing, so nobody is mailed again.
        await BatchRuns.RunToEndAsync(host.Client, host.EventId);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await mail.MailsToAsync(startupMail), IsSchedule);
        Assert.DoesNotContain(await mail.MailsToAsync(startupMail), m => ((string?)m["subject"])!.Contains("(version 2)"));
    }

    [Fact]
    public async Task A_cancelled_slot_mails_its_offer_to_standby_startups_and_the_taken_slot_with_its_time_to_the_scout_once_each()
    {
        // One scout with room for 12 of 16 startups: four are on standby after the batch.
        await using var host = await EventHost.StartAsync(storage, settings: mail.Settings);
        var startups = Enumerable.Range(1, 16).Select(i => $"s{i:00}").ToArray();
        var mailOf = startups.ToDictionary(s => s, Address);
        foreach (var s in startups)
            (await host.RegisterAsync("startups", s, new { profile = Samples.Startup($"Startup {s}") with { ContactEmail = mailOf[s], Language = "en" } })).EnsureSuccessStatusCode();
        var scoutMail = Address("d1");
        (await host.RegisterAsync("delegates", "d1", new { profile = Samples.Delegate("Jiwoo Park") with { ContactEmail = scoutMail, Language = "en" } })).EnsureSuccessStatusCode();
        (await host.As("s01").PostAsJsonAsync(host.Url("/requests"), new { startupId = "s01", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await host.As("d1").PostAsync(host.Url("/requests/s01.d1/accept"), null)).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(host.Client, host.EventId))["status"]);

        (await host.As("d1").PostAsync(host.Url("/requests/s01.d1/cancel"), null)).EnsureSuccessStatusCode();
        var offered = new List<(string Startup, string OfferId)>();
        foreach (var s in startups)
            foreach (var offer in (await (await host.As(s).GetAsync(host.Url($"/startups/{s}/offers"))).ReadJsonAsync()).AsArray())
                offered.Add((s, (string)offer!["offerId"]!));
        Assert.NotEmpty(offered);
        static bool IsOffer(JsonNode m) => ((string?)m["subject"])!.StartsWith("A free slot with Jiwoo Park", StringComparison.Ordinal);
        foreach (var (s, _) in offered) Assert.Single(await mail.WaitForMailsAsync(mailOf[s], 1, IsOffer));

        var (winner, offerId) = offered[0];
        (await host.As(winner).PostAsync(host.Url($"/offers/{offerId}/accept"), null)).EnsureSuccessStatusCode();
        static bool IsTaken(JsonNode m) => ((string?)m["subject"])!.Contains("agreed to meet you", StringComparison.Ordinal);
        var taken = Assert.Single(await mail.WaitForMailsAsync(scoutMail, 1, m => IsTaken(m) && ((string?)m["subject"])!.Contains(winner)));
        // The scout learns when and where, though the slot is not in a published version yet.
        Assert.Contains("When: ", (string?)taken["text"]);
        Assert.Contains(", table ", (string?)taken["text"]);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await mail.MailsToAsync(scoutMail), m => IsTaken(m) && ((string?)m["subject"])!.Contains(winner));
        foreach (var (s, _) in offered) Assert.Single(await mail.MailsToAsync(mailOf[s]), IsOffer);
    }

    [Fact]
    public async Task The_organiser_mails_a_new_sign_in_link_in_the_participants_language_and_only_the_new_link_signs_in()
    {
        await using var host = await EventHost.StartAsync(storage, settings: mail.Settings);
        var (startupMail, _) = await RegisterPairAsync(host);
        var oldToken = host.TokenOf("s1");

        var answer = await host.Client.PostAsync(host.Url("/startups/s1/token/mail"), null);
        answer.EnsureSuccessStatusCode();
        var mailed = await answer.ReadJsonAsync();
        Assert.Equal((startupMail, true), ((string?)mailed["to"], (bool)mailed["sent"]!));

        var letter = Assert.Single(await mail.WaitForMailsAsync(startupMail, 1, m => ((string?)m["subject"])!.Contains("로그인 링크")));
        var link = System.Text.RegularExpressions.Regex.Match((string)letter["text"]!, @"https?://\S+/signin\?token=\S+").Value;
        Assert.Equal((string)mailed["signInLink"]!, link);
        var newToken = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

        using var withNew = host.Factory.CreateClient(newToken);
        using var withOld = host.Factory.CreateClient(oldToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await withNew.GetAsync(host.Url("/me"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await withOld.GetAsync(host.Url("/me"))).StatusCode);
    }

    [Fact]
    public async Task Mailing_a_link_to_a_participant_without_an_address_is_refused_and_its_link_keeps_working()
    {
        await using var host = await EventHost.StartAsync(storage, settings: mail.Settings);
        (await host.RegisterAsync("startups", "s1", new { profile = Samples.Startup() with { ContactEmail = null } })).EnsureSuccessStatusCode();

        var refused = await host.Client.PostAsync(host.Url("/startups/s1/token/mail"), null);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("no contact email", (string?)(await refused.ReadJsonAsync())["detail"]);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.As("s1").GetAsync(host.Url("/me"))).StatusCode);
    }

    [Fact]
    public async Task Mail_waiting_for_a_server_that_was_down_is_sent_once_after_a_restart_and_never_again()
    {
        string eventId, organiserKey, scoutMail, startupToken, scoutToken;
        // First host: its SMTP server does not answer.
        await using (var down = await EventHost.StartAsync(storage, settings: [("Mail:Host", "127.0.0.1"), ("Mail:Port", FreePorts.Next().ToString())]))
        {
            (_, scoutMail) = await RegisterPairAsync(down);
            (await down.As("s1").PostAsJsonAsync(down.Url("/requests"), new { startupId = "s1", delegateId = "d1" })).EnsureSuccessStatusCode();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            JsonNode notice;
            do
            {
                notice = (await NoticesAsync(down, "d1", "delegates")).Single()!;
                if ((string?)notice["mail"] == "pending") break;
                await Task.Delay(200);
            } while (DateTime.UtcNow < deadline);
            Assert.Equal("pending", (string?)notice["mail"]);
            (eventId, organiserKey, startupToken, scoutToken) = (down.EventId, down.OrganiserKey, down.TokenOf("s1"), down.TokenOf("d1"));
        }
        Assert.Empty(await mail.MailsToAsync(scoutMail));

        for (var restart = 0; restart < 2; restart++)
        {
            await using var up = new MatchmakerFactory(storage.ConnectionString, false, mail.Settings);
            var scout = up.CreateClient(scoutToken);
            // Reading the inbox wakes it; waiting mail is tried at once.
            (await scout.GetAsync($"/api/events/{eventId}/delegates/d1/notices")).EnsureSuccessStatusCode();
            Assert.Single(await mail.WaitForMailsAsync(scoutMail, 1));
            var notice = (await (await scout.GetAsync($"/api/events/{eventId}/delegates/d1/notices")).ReadJsonAsync())["notices"]!.AsArray().Single()!;
            Assert.Equal("sent", (string?)notice["mail"]);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Single(await mail.MailsToAsync(scoutMail));
        }
    }
}
