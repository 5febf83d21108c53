using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>A real maildev (SMTP sink with a REST API) on free ports, for one test collection.</summary>
public sealed class MaildevFixture : IAsyncLifetime
{
    private MaildevProcess? _maildev;
    private readonly HttpClient _http = new();

    public int SmtpPort => _maildev?.SmtpPort ?? throw new InvalidOperationException("maildev has not started.");

    /// <summary>The host settings that send notices to this maildev.</summary>
    public (string, string)[] Settings => [("Mail:Host", "127.0.0.1"), ("Mail:Port", SmtpPort.ToString())];

    public async ValueTask InitializeAsync()
    {
        _maildev = await MaildevProcess.StartAsync(RepoRoot.Find(), FreePorts.Next(), FreePorts.Next());
        _http.BaseAddress = new Uri(_maildev.InboxUrl);
    }

    /// <summary>Every mail received for an address (maildev keeps them all).</summary>
    public async Task<IReadOnlyList<JsonNode>> MailsToAsync(string address)
    {
        var all = await _http.GetFromJsonAsync<JsonArray>("/api/email") ?? [];
        return all.Where(m => m!["to"]!.AsArray().Any(to => string.Equals((string?)to!["address"], address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m!).ToList();
    }

    /// <summary>Waits until the address has at least <paramref name="count"/> mails matching the filter, then returns them.</summary>
    public async Task<IReadOnlyList<JsonNode>> WaitForMailsAsync(string address, int count, Func<JsonNode, bool>? filter = null, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var mails = (await MailsToAsync(address)).Where(filter ?? (_ => true)).ToList();
            if (mails.Count >= count || DateTime.UtcNow > deadline) return mails;
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_maildev is not null) await _maildev.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MailCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<MaildevFixture>
{
    public const string Name = "mail";
}
