using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Matchmaker.Tests.Browser.WebScenario;

namespace Matchmaker.Tests.Browser;

/// <summary>Every page in Korean, at phone width, by keyboard alone, and through axe-core.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityTests(BrowserHost host)
{
    /// <summary>Each user's pages, signed in on its own page object.</summary>
    private async Task<IReadOnlyList<(IPage Page, string Path)>> EveryPageAsync(Matchmaker.Tests.Http.EventHost e, int width, Func<IPage, Task>? prepare = null)
    {
        var pages = new List<(IPage, string)>();
        var anonymous = await host.NewPageAsync(width);
        if (prepare is not null) { await anonymous.GotoAsync("/"); await prepare(anonymous); }
        pages.AddRange(AnonymousPages.Select(p => (anonymous, p)));
        foreach (var participant in new[] { "s1", "d1" })
        {
            var page = await host.NewPageAsync(width);
            await SignInAsync(page, e, participant);
            if (prepare is not null) await prepare(page);
            pages.AddRange(ParticipantPages.Select(p => (page, p)));
        }
        var organiser = await host.NewPageAsync(width);
        await SignInOrganiserAsync(organiser, e);
        if (prepare is not null) await prepare(organiser);
        pages.AddRange(OrganiserPages.Select(p => (organiser, p)));
        return pages;
    }

    private static string Name(IPage page, string path) => $"{(page.Url.Contains("/organiser") ? "organiser" : "user")}{path.Replace('/', '-')}";

    [Fact]
    public async Task The_Korean_switch_leaves_no_English_in_any_pages_main_content()
    {
        var shots = new Screenshots(nameof(The_Korean_switch_leaves_no_English_in_any_pages_main_content));
        await using var e = await PublishedEventAsync(host);
        var english = new List<string>();
        // The switch is a link in every page's header; the choice is remembered for the following pages.
        var pages = await EveryPageAsync(e, 1280, page => page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync());
        foreach (var (page, path) in pages)
        {
            await page.GotoAsync(path);
            Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
            var text = await ReadableTextAsync(page.Locator("main"));
            foreach (Match word in Word().Matches(text))
                if (!Allowed.Contains(word.Value)) english.Add($"{path}: {word.Value}");
            await shots.TakeAsync(page, Name(page, path));
        }
        Assert.True(english.Count == 0, "English words in Korean pages:\n" + string.Join("\n", english.Distinct()));
    }

    /// <summary>Codes and formats the Korean text names on purpose (a CSV header, a country code, a date pattern).</summary>
    private static readonly HashSet<string> Allowed = ["CSV", "ID", "KB", "API", "PoC", "ics", "KOR", "JPN", "USA", "YYYY", "MM", "DD", "IANA", "Asia", "Seoul", "kind", "id", "name"];

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Word();

    [Fact]
    public async Task No_page_scrolls_sideways_at_360_px()
    {
        var shots = new Screenshots(nameof(No_page_scrolls_sideways_at_360_px));
        await using var e = await PublishedEventAsync(host);
        var wide = new List<string>();
        foreach (var lang in new[] { "English", "한국어" })
            foreach (var (page, path) in await EveryPageAsync(e, 360, page => page.GetByRole(AriaRole.Link, new() { Name = lang }).ClickAsync()))
            {
                await page.GotoAsync(path);
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                var (scroll, client) = (widths[0], widths[1]);
                if (scroll > client) wide.Add($"{lang} {path}: {scroll} px wide in {client} px");
                await shots.TakeAsync(page, $"{(lang == "English" ? "en" : "ko")}-{Name(page, path)}");
            }
        Assert.Empty(wide);
    }

    [Fact]
    public async Task A_request_and_its_acceptance_work_by_keyboard_alone()
    {
        var shots = new Screenshots(nameof(A_request_and_its_acceptance_work_by_keyboard_alone));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);

        var startup = await host.NewPageAsync();
        await SignInAsync(startup, e, "s3");
        await startup.GotoAsync("/matches");
        // The first stop is the skip link, which moves focus to the main content.
        await startup.Keyboard.PressAsync("Tab");
        Assert.True(await startup.EvaluateAsync<bool>("() => document.activeElement.classList.contains('skip')"));
        await TabToAsync(startup, "[id='p-d2'] input[name=message]");
        await startup.Keyboard.TypeAsync("Mobility sensors");
        await TabToAsync(startup, "[id='p-d2'] button[type=submit]");
        await shots.TakeAsync(startup, "focused-request");
        await startup.Keyboard.PressAsync("Enter");
        await Assertions.Expect(startup.GetByRole(AriaRole.Status)).ToHaveTextAsync("Request sent.");

        var scout = await host.NewPageAsync();
        await SignInAsync(scout, e, "d2");
        await scout.GotoAsync("/requests");
        await TabToAsync(scout, "[id='r-s3.d2'] button.primary");
        await shots.TakeAsync(scout, "focused-accept");
        await scout.Keyboard.PressAsync("Enter");
        await Assertions.Expect(scout.GetByRole(AriaRole.Status)).ToContainTextAsync("Accepted");
        await Assertions.Expect(ById(scout, "r-s3.d2")).ToContainTextAsync("Accepted");
    }

    /// <summary>Presses Tab until the element is focused; fails if it never is (unreachable by keyboard).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => document.activeElement?.matches(\"{selector}\") ?? false")) return;
        }
        Assert.Fail($"Tab never reached {selector}.");
    }

    [Fact]
    public async Task Axe_finds_nothing_serious_or_critical_on_any_page()
    {
        var shots = new Screenshots(nameof(Axe_finds_nothing_serious_or_critical_on_any_page));
        await using var e = await PublishedEventAsync(host);
        var problems = new List<string>();
        foreach (var lang in new[] { "English", "한국어" })
            foreach (var (page, path) in await EveryPageAsync(e, 1280, page => page.GetByRole(AriaRole.Link, new() { Name = lang }).ClickAsync()))
            {
                await page.GotoAsync(path);
                var results = await page.RunAxe();
                foreach (var violation in results.Violations.Where(v => v.Impact is "serious" or "critical"))
                    problems.Add($"{lang} {path}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target))}");
                await shots.TakeAsync(page, $"{(lang == "English" ? "en" : "ko")}-{Name(page, path)}");
            }
        Assert.Empty(problems);
    }
}
