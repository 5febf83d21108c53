using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>The real host (HTTP + silo + Azure storage providers) against the fixture's Azurite, on its own ports.</summary>
public sealed class MatchmakerFactory(string storageConnectionString, bool seedDemo = false) : WebApplicationFactory<Program>
{
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Storage", storageConnectionString);
        builder.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", _clusterId);
        builder.UseSetting("Demo:Seed", seedDemo ? "true" : "false");
    }
}
