using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>The real host (HTTP + silo + Azure storage providers) against the fixture's Azurite, on its own ports.</summary>
public sealed class MatchmakerFactory(string storageConnectionString, bool seedDemo = false, params (string Key, string Value)[] settings)
    : WebApplicationFactory<Program>
{
    /// <summary>The instance admin key every test host is configured with.</summary>
    public const string AdminKey = "admin.test-instance-admin-key";

    /// <summary>The host's clock, when a test moves time (null: the system clock).</summary>
    public TimeProvider? Clock { get; init; }

    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Storage", storageConnectionString);
        builder.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", _clusterId);
        builder.UseSetting("Demo:Seed", seedDemo ? "true" : "false");
        // No mail unless a test names its maildev (Mail:Host): hosts in parallel must not share one.
        builder.UseSetting("Mail:Development", "false");
        builder.UseSetting("Identity:AdminKey", AdminKey);
        // Tests send many requests from one address; the limits have tests of their own with their own settings.
        builder.UseSetting("Identity:RequestsPerMinute", "100000");
        builder.UseSetting("Identity:SignInsPerMinute", "100000");
        builder.UseSetting("Identity:FailedCredentialsPerMinute", "100000");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (Clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>A client that sends this credential as <c>Authorization: Bearer</c> (none for null).</summary>
    public HttpClient CreateClient(string? credential)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = ClientOptions.BaseAddress });
        if (credential is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }
}
