using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;

namespace Matchmaker.Silo.Hosting;

/// <summary>Where and how to run the Azure Storage emulator.</summary>
public sealed record AzuriteOptions(string RepoRoot, string DataDirectory, int BlobPort = 10000, int QueuePort = 10001, int TablePort = 10002)
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's published development account key (the same for every install).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";
}

/// <summary>
/// A running Azurite, started from the repo's node_modules with plain node (never npx, whose death would
/// leave node holding the ports). The child watches this process and exits if it dies, even by kill -9.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    // Runs Azurite in node and shuts it down once the .NET parent is gone, even after kill -9. The shutdown is
    // Azurite's own (SIGINT): it saves the metadata that Azurite otherwise flushes only every 5 s.
    private const string Launcher = """
        const parent = Number(process.env.MATCHMAKER_PARENT_PID);
        const watch = setInterval(() => {
          try { process.kill(parent, 0); } catch {
            clearInterval(watch);
            process.kill(process.pid, 'SIGINT');
            setTimeout(() => process.exit(0), 15000).unref();
          }
        }, 500);
        const script = process.argv[1];
        process.argv = [process.argv[0], script, ...process.argv.slice(2)];
        require(script);
        """;

    private readonly Process _process;

    private AzuriteProcess(Process process, AzuriteOptions options)
    {
        _process = process;
        Options = options;
    }

    public AzuriteOptions Options { get; }

    public int ProcessId => _process.Id;

    public static string ScriptPath(string repoRoot) => Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");

    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, CancellationToken cancel = default)
    {
        var script = ScriptPath(options.RepoRoot);
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed at {script}: run `npm ci` in {options.RepoRoot} (the build does this when Node.js is installed).");
        Directory.CreateDirectory(options.DataDirectory);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.RepoRoot,
            Environment = { ["MATCHMAKER_PARENT_PID"] = Environment.ProcessId.ToString() },
        };
        foreach (var arg in new[]
                 {
                     "-e", Launcher, script, "--silent", "--location", options.DataDirectory,
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", options.BlobPort.ToString(), "--queuePort", options.QueuePort.ToString(),
                     "--tablePort", options.TablePort.ToString(), "--skipApiVersionCheck", "--loose",
                 })
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException("Node.js is not installed: install Node.js 20 or newer (https://nodejs.org) for the local storage emulator, or set ConnectionStrings:Storage to a real Azure Storage account.");
        }
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var azurite = new AzuriteProcess(process, options);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync(options.TablePort) || !await AnswersAsync(options.BlobPort))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} while starting: {errors.ToString().Trim()}");
            if (DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new TimeoutException($"Azurite did not answer on 127.0.0.1:{options.TablePort} within {StartTimeout.TotalSeconds} s.");
            }
            await Task.Delay(100, cancel);
        }
        return azurite;
    }

    /// <summary>Whether something accepts connections on a local port.</summary>
    public static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited) { _process.Dispose(); return; }
        // Azurite saves its metadata while it closes; on Node 20 it may never exit by itself: ask, wait, then insist.
        try { Process.Start("kill", ["-INT", _process.Id.ToString()])?.WaitForExit(); } catch (Win32Exception) { }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(grace.Token); }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
