using System.Net.Http.Json;
using Matchmaker.Model.Domain;
using Matchmaker.Tests.Batch;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Matchmaker.Tests.Browser.WebScenario;

namespace Matchmaker.Tests.Browser;

/// <summary>The day itself, at phone width: a scout checks in and rates from the agenda; the organiser sees it live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingDayTests(BrowserHost host)
{
    [Fact]
    public async Task A_scout_checks_in_and_rates_a_meeting_from_the_phone()
    {
        var shots = new Screenshots(nameof(A_scout_checks_in_and_rates_a_meeting_from_the_phone));
        // An event day that is today where it is around noon now, its first slot a minute from now: the batch places
        // the meeting before the slot begins (a begun slot takes nothing new), then the test waits for it to begin.
        var offset = Math.Clamp(12 - DateTime.UtcNow.Hour, -12, 14);
        var zone = offset == 0 ? "Etc/GMT" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        var localNow = DateTime.UtcNow.AddHours(offset);
        var today = DateOnly.FromDateTime(localNow);
        var firstSlot = TimeOnly.FromDateTime(localNow.AddSeconds(60));
        var config = Samples.Event() with
        {
            TimeZone = zone, Days = [today], DailyStart = new TimeOnly(firstSlot.Hour, firstSlot.Minute, firstSlot.Second),
            DailyEnd = new TimeOnly(firstSlot.Hour, firstSlot.Minute, firstSlot.Second).AddHours(3), Breaks = [],
        };
        await using var e = await host.NewEventAsync(config);
        (await e.RegisterAsync("startups", "s1", new { profile = Samples.Startup("Nuvi Robotics"), availability = new[] { 0 } })).EnsureSuccessStatusCode();
        (await e.RegisterAsync("delegates", "d1", new { profile = Samples.Delegate("Jiwoo Park"), availability = new[] { 0 } })).EnsureSuccessStatusCode();
        (await e.As("s1").PostAsJsonAsync(e.Url("/requests"), new { startupId = "s1", delegateId = "d1" })).EnsureSuccessStatusCode();
        (await e.As("d1").PostAsync(e.Url("/requests/s1.d1/accept"), null)).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (string?)(await BatchRuns.RunToEndAsync(e.Client, e.EventId))["status"]);

        var begins = EventSlots.StartsAt(config, EventSlots.From(config)[0]);
        Assert.True(DateTimeOffset.UtcNow < begins, $"The batch ran past the slot's start ({begins:O}): it could not place the meeting there.");
        await Task.Delay(begins - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

        var scout = await host.NewPageAsync(360, 740);
        await SignInAsync(scout, e, "d1");
        var meeting = ById(scout, "m-s1.d1");
        await Assertions.Expect(meeting).ToContainTextAsync("Nuvi Robotics");
        await shots.TakeAsync(scout, "agenda");
        await meeting.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await Assertions.Expect(scout.GetByRole(AriaRole.Status)).ToHaveTextAsync("Checked in.");
        await Assertions.Expect(meeting).ToContainTextAsync("You checked in");

        await meeting.GetByText("Rate this meeting").ClickAsync();
        await meeting.GetByLabel("5", new() { Exact = true }).CheckAsync();
        await meeting.GetByLabel("I want a follow-up").CheckAsync();
        await shots.TakeAsync(scout, "rating");
        await meeting.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(scout.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you for rating the meeting.");

        var organiser = await host.NewPageAsync(360, 740);
        await SignInOrganiserAsync(organiser, e);
        await organiser.GotoAsync($"/organiser/day?date={today:yyyy-MM-dd}");
        await Assertions.Expect(organiser.Locator("main")).ToContainTextAsync("s1.d1");
        await shots.TakeAsync(organiser, "day");
        var export = await (await e.Client.GetAsync(e.Url("/export"))).ReadJsonAsync();
        var feedback = Assert.Single(export["feedback"]!.AsArray());
        Assert.Equal(5, (int)feedback!["rating"]!);
    }

    [Fact]
    public async Task The_API_reference_at_docs_shows_the_endpoints()
    {
        var page = await host.NewPageAsync();
        var failures = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") failures.Add(message.Text); };
        page.RequestFailed += (_, request) => failures.Add($"{request.Url}: {request.Failure}");
        // A 1.4 MB script: on a busy CI machine parsing it takes a while.
        await page.GotoAsync("/docs/", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 120_000 });
        var shots = new Screenshots(nameof(The_API_reference_at_docs_shows_the_endpoints));
        try
        {
            await Assertions.Expect(page.GetByText("Opens a personal sign-in link").First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        }
        finally
        {
            await shots.TakeAsync(page, "docs");
        }
        Assert.Empty(failures);
    }
}
