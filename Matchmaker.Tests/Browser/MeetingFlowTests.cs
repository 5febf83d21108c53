using System.Net.Http.Json;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Microsoft.Playwright;
using static Matchmaker.Tests.Browser.WebScenario;

namespace Matchmaker.Tests.Browser;

/// <summary>The event week's loop as its three users live it in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingFlowTests(BrowserHost host)
{
    [Fact]
    public async Task A_refused_request_is_explained_in_Korean_without_the_services_English()
    {
        var shots = new Screenshots(nameof(A_refused_request_is_explained_in_Korean_without_the_services_English));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);
        var startup = await host.NewPageAsync(locale: "ko-KR");
        await SignInAsync(startup, e, "s1");
        await startup.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await startup.GotoAsync("/matches");
        // Meanwhile the same startup asked from another tab (or the API): the page's button is now out of date.
        (await e.As("s1").PostAsJsonAsync(e.Url("/requests"), new { startupId = "s1", delegateId = "d1" })).EnsureSuccessStatusCode();

        await ById(startup, "p-d1").GetByRole(AriaRole.Button, new() { Name = "미팅 요청" }).ClickAsync();
        var alert = startup.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToHaveTextAsync("이 미팅은 이미 요청되었거나 수락되었습니다.");
        await shots.TakeAsync(startup, "refused-ko");
    }

    [Fact]
    public async Task A_request_the_scout_accepts_is_on_both_agendas_after_the_organisers_batch()
    {
        var shots = new Screenshots(nameof(A_request_the_scout_accepts_is_on_both_agendas_after_the_organisers_batch));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);

        var startup = await host.NewPageAsync();
        await SignInAsync(startup, e, "s1");
        await startup.GotoAsync("/matches");
        await Assertions.Expect(startup.GetByText("You can send 5 more requests")).ToBeVisibleAsync();
        var card = ById(startup, "p-d1");
        await card.GetByLabel("Message (optional)").FillAsync("Vision chips for home robots");
        await card.GetByRole(AriaRole.Button, new() { Name = "Request a meeting" }).ClickAsync();
        await Assertions.Expect(startup.GetByRole(AriaRole.Status)).ToHaveTextAsync("Request sent.");
        await Assertions.Expect(startup.GetByText("You can send 4 more requests")).ToBeVisibleAsync();
        await shots.TakeAsync(startup, "startup-requested");

        var scout = await host.NewPageAsync();
        await SignInAsync(scout, e, "d1");
        await scout.GotoAsync("/requests");
        var request = ById(scout, "r-s1.d1");
        await Assertions.Expect(request).ToContainTextAsync("Nuvi Robotics");
        await Assertions.Expect(request).ToContainTextAsync("Vision chips for home robots");
        await shots.TakeAsync(scout, "scout-request");
        await request.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(scout.GetByRole(AriaRole.Status)).ToContainTextAsync("Accepted");

        var organiser = await host.NewPageAsync();
        await SignInOrganiserAsync(organiser, e);
        await organiser.GotoAsync("/organiser/batch");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Run the batch now" }).ClickAsync();
        await shots.TakeAsync(organiser, "batch-running");
        // The page polls the run and reloads with its report when it ends.
        await Assertions.Expect(organiser.Locator("table")).ToContainTextAsync("Succeeded", new() { Timeout = 120_000 });
        await shots.TakeAsync(organiser, "batch-done");

        foreach (var (page, other) in new[] { (startup, "Jiwoo Park"), (scout, "Nuvi Robotics") })
        {
            await page.GotoAsync("/agenda");
            var meeting = ById(page, "m-s1.d1");
            await Assertions.Expect(meeting).ToContainTextAsync(other);
            await Assertions.Expect(meeting).ToContainTextAsync("Confirmed");
            await Assertions.Expect(meeting).ToContainTextAsync("Table");
            await shots.TakeAsync(page, "agenda");
        }
    }

    [Fact]
    public async Task A_declined_proposal_frees_its_slot()
    {
        var shots = new Screenshots(nameof(A_declined_proposal_frees_its_slot));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(e.Client, e.EventId))["status"]);

        var startup = await host.NewPageAsync();
        await SignInAsync(startup, e, "s1");
        var proposal = startup.Locator("li.card", new() { Has = startup.GetByRole(AriaRole.Button, new() { Name = "Decline" }) }).First;
        await Assertions.Expect(proposal).ToContainTextAsync("Proposed");
        var meetingId = (await proposal.GetAttributeAsync("id"))![2..];
        await shots.TakeAsync(startup, "proposed");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Assertions.Expect(startup.GetByRole(AriaRole.Status)).ToHaveTextAsync("Declined.");
        await Assertions.Expect(ById(startup, "m-" + meetingId)).ToContainTextAsync("Cancelled: do not come");
        await shots.TakeAsync(startup, "declined");

        // The next batch leaves the pair out: the organiser's grid has the slot free of it, and the agenda drops it.
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(e.Client, e.EventId))["status"]);
        await startup.GotoAsync("/agenda");
        await Assertions.Expect(ById(startup, "m-" + meetingId)).ToHaveCountAsync(0);
        var organiser = await host.NewPageAsync();
        await SignInOrganiserAsync(organiser, e);
        var schedule = await (await e.Client.GetAsync(e.Url("/schedule"))).ReadJsonAsync();
        Assert.DoesNotContain(meetingId, schedule["meetings"]!.AsArray().Select(m => (string?)m!["meetingId"]));
        await organiser.GotoAsync("/organiser/schedule");
        await Assertions.Expect(organiser.Locator("table").Last).ToContainTextAsync(meetingId);
        await shots.TakeAsync(organiser, "schedule-after");
    }

    [Fact]
    public async Task An_expired_link_says_so_and_pages_need_sign_in()
    {
        var shots = new Screenshots(nameof(An_expired_link_says_so_and_pages_need_sign_in));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);
        var page = await host.NewPageAsync();
        var old = e.TokenOf("s2");
        (await e.Client.PostAsync(e.Url("/startups/s2/token"), null)).EnsureSuccessStatusCode();

        var response = await page.GotoAsync($"/signin?token={Uri.EscapeDataString(old)}");
        Assert.Equal(401, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This sign-in link does not work any more");
        await shots.TakeAsync(page, "expired");

        await page.GotoAsync("/agenda");
        await page.WaitForURLAsync("**/?returnUrl=%2Fagenda");
        await Assertions.Expect(page.GetByLabel("Event key")).ToBeVisibleAsync();

        // A startup who opens an organiser page lands on its own agenda.
        await SignInAsync(page, e, "s1");
        await page.GotoAsync("/organiser/schedule");
        await page.WaitForURLAsync("**/agenda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/agenda");
        await page.WaitForURLAsync("**/?returnUrl=%2Fagenda");
    }
}
