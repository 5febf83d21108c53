using Microsoft.Playwright;
using static Matchmaker.Tests.Browser.WebScenario;

namespace Matchmaker.Tests.Browser;

/// <summary>The inbox page lists what happened to the participant, in the page's language, and marks it read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NoticesPageTests(BrowserHost host)
{
    [Fact]
    public async Task A_startup_reads_that_the_scout_accepted_and_marks_its_notices_read()
    {
        await using var e = await PublishedEventAsync(host);
        var page = await host.NewPageAsync(360);
        await SignInAsync(page, e, "s1");

        await page.GotoAsync("/notices");
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Jiwoo Park (Samsung Electronics) agreed to meet you");
        await Assertions.Expect(main).ToContainTextAsync("Your agenda for Smart Life Week changed (version 1)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("All notices are marked read.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await page.GotoAsync("/notices");
        await Assertions.Expect(main).ToContainTextAsync("Jiwoo Park (Samsung Electronics)에서 미팅을 수락했습니다");
    }
}
