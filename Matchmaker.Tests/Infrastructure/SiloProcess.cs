using System.Diagnostics;

namespace Matchmaker.Tests.Infrastructure;

/// <summary>
/// The real executable in its own process, for what only a process can show: being killed mid-work.
/// It runs the Matchmaker.Silo.dll built beside the tests, against the fixture's Azurite.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private SiloProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static Task<SiloProcess> StartAsync(string storageConnectionString, params string[] settings) =>
        StartAsync(storageConnectionString, ownProcessGroup: false, settings);

    /// <param name="ownProcessGroup">Runs the service as the leader of a process group of its own, so a test can kill the whole group.</param>
    public static async Task<SiloProcess> StartAsync(string storageConnectionString, bool ownProcessGroup, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var start = new ProcessStartInfo(ownProcessGroup ? "/usr/bin/setsid" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (ownProcessGroup) start.ArgumentList.Add("dotnet");
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Matchmaker.Silo.dll"), "serve",
                     "--urls", address.ToString(),
                     $"--ConnectionStrings:Storage={storageConnectionString}",
                     $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
                     "--Orleans:ClusterId=process-" + Guid.NewGuid().ToString("N")[..8], "--Demo:Seed=false", "--Mail:Development=false",
                     $"--Identity:AdminKey={MatchmakerFactory.AdminKey}",
                 }.Concat(settings.Select(s => "--" + s)))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var silo = new SiloProcess(process, address);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (silo._output) silo._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (silo._output) silo._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The service exited with {process.ExitCode} while starting:\n{silo.Output}");
            try
            {
                if ((await silo.Client.GetAsync("/health")).IsSuccessStatusCode) return silo;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The service did not answer /health within {StartTimeout}:\n{silo.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Sends a request with a credential as Authorization: Bearer, and a JSON body when given.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string credential, object? body = null)
    {
        var message = new HttpRequestMessage(method, path);
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential);
        if (body is not null) message.Content = System.Net.Http.Json.JsonContent.Create(body, options: Http.HttpJson.Options);
        return Client.SendAsync(message);
    }

    /// <summary>SIGKILL to the service's whole process group, as a container stop without grace does.</summary>
    public async Task KillProcessGroupAsync()
    {
        using var kill = Process.Start("kill", ["-9", "--", $"-{_process.Id}"])!;
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself (a crash the test asked for).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
