using System.Net.Http.Json;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Matchmaker.Tests.Browser;

/// <summary>What the browser tests share: an event with a few participants, signing in as each user, and the pages each has.</summary>
public static class WebScenario
{
    public static readonly string[] ParticipantPages = ["/agenda", "/matches", "/requests", "/profile", "/notices"];
    public static readonly string[] OrganiserPages =
        ["/organiser", "/organiser/participants", "/organiser/import", "/organiser/batch", "/organiser/schedule", "/organiser/quality", "/organiser/day"];
    public static readonly string[] AnonymousPages = ["/", "/signin/expired"];

    /// <summary>Startups s1–s3 and scouts d1–d2; s1 asked d1 and d1 accepted; the batch has published a schedule.</summary>
    public static async Task<EventHost> PublishedEventAsync(BrowserHost host)
    {
        var e = await host.NewEventAsync();
        await AddAsync(e);
        (await e.As("s1").PostAsJsonAsync(e.Url("/requests"), new { startupId = "s1", delegateId = "d1", message = "Vision chips" })).EnsureSuccessStatusCode();
        (await e.As("s2").PostAsJsonAsync(e.Url("/requests"), new { startupId = "s2", delegateId = "d2" })).EnsureSuccessStatusCode();
        (await e.As("d1").PostAsync(e.Url("/requests/s1.d1/accept"), null)).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(e.Client, e.EventId))["status"]);
        return e;
    }

    public static async Task AddAsync(EventHost e)
    {
        foreach (var (id, name) in new[] { ("s1", "Nuvi Robotics"), ("s2", "Haneul Bio"), ("s3", "Daon Mobility") })
            (await e.RegisterAsync("startups", id, new { profile = Samples.Startup(name) })).EnsureSuccessStatusCode();
        foreach (var (id, name) in new[] { ("d1", "Jiwoo Park"), ("d2", "Minho Lee") })
            (await e.RegisterAsync("delegates", id, new { profile = Samples.Delegate(name) })).EnsureSuccessStatusCode();
    }

    /// <summary>Opens the personal link, as a participant does from their email.</summary>
    public static async Task SignInAsync(IPage page, EventHost e, string participantId)
    {
        await page.GotoAsync($"/signin?token={Uri.EscapeDataString(e.TokenOf(participantId))}");
        await page.WaitForURLAsync("**/agenda");
    }

    /// <summary>The organiser types the event key on the start page.</summary>
    public static async Task SignInOrganiserAsync(IPage page, EventHost e)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Event key").FillAsync(e.OrganiserKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/organiser");
    }

    /// <summary>A locator for an element whose id holds a dot (request and meeting ids do).</summary>
    public static ILocator ById(IPage page, string id) => page.Locator($"[id='{id}']");

    /// <summary>
    /// The text of an element a reader sees or hears (text, labels, placeholders), less what the page marks as data
    /// with translate="no" (names, ids, links, what the service wrote).
    /// </summary>
    public static Task<string> ReadableTextAsync(ILocator element) => element.EvaluateAsync<string>("""
        root => {
          const out = [];
          const skip = el => el.closest('[translate="no"]') || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName);
          const walk = node => {
            if (node.nodeType === Node.TEXT_NODE) { out.push(node.textContent); return; }
            if (node.nodeType !== Node.ELEMENT_NODE || skip(node)) return;
            for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) if (node.hasAttribute(attr)) out.push(node.getAttribute(attr));
            node.childNodes.forEach(walk);
          };
          walk(root);
          return out.join(' ');
        }
        """);
}
