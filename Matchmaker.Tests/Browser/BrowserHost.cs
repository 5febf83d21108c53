using Matchmaker.Model.Domain;
using Matchmaker.Silo.Hosting;
using Matchmaker.Tests.Http;
using Matchmaker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Matchmaker.Tests.Browser;

/// <summary>
/// One real host for the browser tests: its own Azurite, the service on Kestrel at a free port, and Debian's
/// Chromium driven by Playwright, and a maildev for the mail the pages send. Each test makes its own event (fresh keys)
/// and its own browser contexts.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    private readonly AzuriteFixture _storage = new();

    public MaildevFixture Mail { get; } = new();
    private IPlaywright? _playwright;

    public MatchmakerFactory Factory { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The browser tests drive Debian's Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        await _storage.InitializeAsync();
        await Mail.InitializeAsync();
        var port = FreePorts.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        Factory = new MatchmakerFactory(_storage.ConnectionString, false, [("urls", BaseUrl), .. Mail.Settings]);
        Factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        Factory.ClientOptions.BaseAddress = new Uri(BaseUrl);
        Factory.StartServer();
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new event with its organiser; participants are registered through the API as in the other HTTP tests.</summary>
    public async Task<EventHost> NewEventAsync(EventConfig? config = null)
    {
        var (eventId, key) = await EventHost.CreateEventAsync(Factory, config ?? Samples.Event());
        return EventHost.Attach(Factory, eventId, key);
    }

    /// <summary>A fresh browser (its own cookies) at phone or laptop size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        // Generous: CI runs these beside every other test collection on two cores.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Factory is not null) await Factory.DisposeAsync();
        await _storage.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}

/// <summary>Saves what a test saw, page by page, under Matchmaker.Tests/screenshots/ (git-ignored).</summary>
public sealed class Screenshots(string test)
{
    private readonly string _folder = Path.Combine(RepoRoot.Find(), "Matchmaker.Tests", "screenshots", test);
    private int _count;

    public async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(_folder);
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_folder, $"{++_count:00}-{name}.png"), FullPage = true, Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            // A record of what the test saw, not something it checks: a page that reloads itself mid-shot (the batch
            // page does when its run ends) is left without its picture rather than failing the test.
        }
    }
}
