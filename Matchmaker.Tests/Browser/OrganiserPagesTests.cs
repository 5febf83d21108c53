using Matchmaker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Matchmaker.Tests.Browser.WebScenario;

namespace Matchmaker.Tests.Browser;

/// <summary>The organiser's desk: setup, import, sign-in links.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganiserPagesTests(BrowserHost host)
{
    [Fact]
    public async Task An_import_with_bad_rows_lists_every_one_and_a_good_one_gives_working_links()
    {
        var shots = new Screenshots(nameof(An_import_with_bad_rows_lists_every_one_and_a_good_one_gives_working_links));
        await using var e = await host.NewEventAsync();
        var organiser = await host.NewPageAsync();
        await SignInOrganiserAsync(organiser, e);
        await organiser.GotoAsync("/organiser/import");
        await organiser.GetByLabel("Or paste the CSV here").FillAsync(
            "kind,id,name,sectors,stage,country,seeks\n" +
            "startup,ok-one,Good Co,hardware,seed,KOR,investment\n" +
            "startup,bad-one,Bad Co,toys,seed,KOR,investment\n" +
            "startup,bad-two,Worse Co,hardware,unicorn,KOREA,investment\n");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing from it was stored");
        var rows = organiser.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(organiser.Locator("table")).ToContainTextAsync("toys");
        await Assertions.Expect(organiser.Locator("table")).ToContainTextAsync("stage");
        await Assertions.Expect(organiser.Locator("table")).ToContainTextAsync("country");
        await shots.TakeAsync(organiser, "rejected");

        await organiser.GetByLabel("Or paste the CSV here").FillAsync(
            "kind,id,name,sectors,stage,country,seeks\nstartup,ok-one,Good Co,hardware,seed,KOR,investment\n");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("1 of them new");
        var link = await organiser.Locator("td.link-box").First.TextContentAsync();
        await shots.TakeAsync(organiser, "imported");

        var startup = await host.NewPageAsync();
        await startup.GotoAsync(link!.Trim());
        await startup.WaitForURLAsync("**/agenda");
        await startup.GotoAsync("/profile");
        await Assertions.Expect(startup.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Good Co");

        // A new link replaces the one the import gave: the old one now says it does not work.
        await organiser.GotoAsync("/organiser/participants");
        await organiser.Locator("tr", new() { HasText = "ok-one" }).GetByRole(AriaRole.Button, new() { Name = "New sign-in link" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("Good Co");
        await shots.TakeAsync(organiser, "new-link");
        var fresh = await host.NewPageAsync();
        var response = await fresh.GotoAsync(link.Trim());
        Assert.Equal(401, response!.Status);
        await fresh.GotoAsync((await organiser.Locator(".alert.ok .link-box").TextContentAsync())!.Trim());
        await fresh.WaitForURLAsync("**/agenda");
    }

    [Fact]
    public async Task The_organiser_mails_a_new_link_and_the_link_in_the_mail_signs_the_startup_in()
    {
        var shots = new Screenshots(nameof(The_organiser_mails_a_new_link_and_the_link_in_the_mail_signs_the_startup_in));
        await using var e = await host.NewEventAsync();
        var address = $"ceo@{e.EventId}.example";
        (await e.RegisterAsync("startups", "s1", new { profile = Samples.Startup("Nuvi Robotics") with { ContactEmail = address } })).EnsureSuccessStatusCode();
        var oldToken = e.TokenOf("s1");
        var organiser = await host.NewPageAsync();
        await SignInOrganiserAsync(organiser, e);

        await organiser.GotoAsync("/organiser/participants");
        await organiser.Locator("tr", new() { HasText = "Nuvi Robotics" }).GetByRole(AriaRole.Button, new() { Name = "Email a new link" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync($"was mailed to {address}");
        await shots.TakeAsync(organiser, "mailed");

        var letter = Assert.Single(await host.Mail.WaitForMailsAsync(address, 1));
        var link = System.Text.RegularExpressions.Regex.Match((string)letter["text"]!, @"https?://\S+/signin\?token=\S+").Value;
        var startup = await host.NewPageAsync();
        await startup.GotoAsync(link);
        await startup.WaitForURLAsync("**/agenda");
        var stale = await host.NewPageAsync();
        Assert.Equal(401, (await stale.GotoAsync($"/signin?token={Uri.EscapeDataString(oldToken)}"))!.Status);
    }

    [Fact]
    public async Task The_organiser_changes_the_event_and_a_startup_its_availability()
    {
        var shots = new Screenshots(nameof(The_organiser_changes_the_event_and_a_startup_its_availability));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);
        var organiser = await host.NewPageAsync();
        await SignInOrganiserAsync(organiser, e);
        await organiser.GetByLabel("Tables").FillAsync("12");
        await organiser.GetByLabel("Pending requests a startup may have").FillAsync("3");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(organiser.GetByLabel("Tables")).ToHaveValueAsync("12");
        await shots.TakeAsync(organiser, "event");

        var startup = await host.NewPageAsync(360, 740);
        await SignInAsync(startup, e, "s1");
        await startup.GotoAsync("/matches");
        await Assertions.Expect(startup.GetByText("You can send 3 more requests")).ToBeVisibleAsync();
        await startup.GotoAsync("/profile");
        var first = startup.Locator("input[name=slots]").First;
        await first.UncheckAsync();
        await startup.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(startup.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(startup.Locator("input[name=slots]").First).Not.ToBeCheckedAsync();
        await shots.TakeAsync(startup, "availability");
        var saved = await (await e.As("s1").GetAsync(e.Url("/startups/s1"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"availability\":null", saved);
        Assert.DoesNotContain("[0,", saved.Replace(" ", ""));
    }
}
