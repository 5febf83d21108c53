using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Import;
using Matchmaker.Model.Ranking;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Matchmaker.Silo.Demo;

/// <summary>
/// Seeds the demo event on the first start. The configuration is written last, so a start that died half-way
/// seeds again on the next start; registering the same participants again changes nothing. The demo's organiser
/// key and participant tokens are derived from the admin key, so every start can print how to sign in (only the
/// hashes are stored, as for any event); a key or token the organiser has since replaced is not printed.
/// </summary>
public sealed class DemoEventSeeder(
    IGrainFactory grains, IConfiguration configuration, IOptions<MatchmakerIdentityOptions> identity, TimeProvider clock,
    IHostApplicationLifetime lifetime, IServer server, ILogger<DemoEventSeeder> logger) : IHostedService
{
    private const int ParticipantsShown = 3;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Seed", true)) return;
        if (identity.Value.AdminKey is not { Length: > 0 } adminKey)
        {
            logger.LogWarning("No Identity:AdminKey is configured, so the demo event is not seeded (its keys derive from the admin key).");
            return;
        }
        var eventGrain = grains.GetGrain<IEventGrain>(DemoEvent.Id);
        var demo = DemoEvent.Build(CrunchbaseData.Load(DemoEvent.DataDirectory(), includeInvestments: false));
        if (await eventGrain.GetConfigAsync() is null)
        {
            await ParticipantRegistration.RegisterAsync(grains, DemoEvent.Id, demo.Startups, demo.Delegates, clock.GetUtcNow(),
                (kind, id) => DemoCredential(adminKey, $"participant:{kind}:{id}"), cancellationToken);
            var organiser = DemoCredential(adminKey, "organiser");
            Credentials.TryParse(organiser, out _, out var secret);
            await eventGrain.CreateAsync(DemoEvent.Config, Credentials.Hash(secret));
            logger.LogInformation("Seeded the demo event '{Event}': {Startups} startups, {Delegates} delegates from Crunchbase 2013.",
                DemoEvent.Id, demo.Startups.Count, demo.Delegates.Count);
        }

        var shown = new List<(string Who, string Credential, bool IsLink)> { ("organiser key", DemoCredential(adminKey, "organiser"), false) };
        shown.AddRange(demo.Startups.Take(ParticipantsShown).Select(s => ($"startup {s.Id} ({s.Profile.Name})", DemoCredential(adminKey, $"participant:{ParticipantKind.Startup}:{s.Id}"), true)));
        shown.AddRange(demo.Delegates.Take(ParticipantsShown).Select(d => ($"delegate {d.Id} ({d.Profile.Name}, {d.Profile.Company})", DemoCredential(adminKey, $"participant:{ParticipantKind.Delegate}:{d.Id}"), true)));
        var live = new List<(string Who, string Credential, bool IsLink)>();
        foreach (var entry in shown)
            if (await CredentialAuthenticationHandler.ResolveAsync(grains, identity.Value, entry.Credential) is not null) live.Add(entry);
        if (!live.Any(entry => !entry.IsLink))
            logger.LogWarning("The demo event's organiser key is not the one derived from this admin key: it was replaced, or seeded by an earlier " +
                              "version (before credentials, with other grain keys). Delete .data/ to seed it afresh.");
        lifetime.ApplicationStarted.Register(() => Print(live));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string DemoCredential(string adminKey, string purpose) => Credentials.Derived(DemoEvent.Id, adminKey, purpose);

    private void Print(IReadOnlyList<(string Who, string Credential, bool IsLink)> entries)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? Hosting.MatchmakerHost.DefaultUrl;
        var lines = new List<string> { $"Demo event '{DemoEvent.Id}' at {address}. Sign in:" };
        foreach (var (who, credential, isLink) in entries)
            lines.Add(isLink ? $"  {who}: {address}/signin?token={Uri.EscapeDataString(credential)}" : $"  {who} (Authorization: Bearer): {credential}");
        lines.Add("  API clients send a participant's token as Authorization: Bearer too; the README has curl examples.");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
