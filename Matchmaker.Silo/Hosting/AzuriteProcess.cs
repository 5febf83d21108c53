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
/// leave node holding the ports), in a session of its own (setsid): a signal to the host's whole process group,
/// as a container stop without grace sends, does not reach it. It watches this process and, once it is gone,
/// shuts itself down cleanly, saving what it has not flushed yet.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AutosaveWait = TimeSpan.FromSeconds(6);

    // Runs Azurite in node and shuts it down once the .NET parent is gone, even after kill -9. Azurite keeps its
    // metadata in memory and saves it every 5 s; its own shutdown (SIGINT) was measured to lose the blob metadata
    // of the last seconds, so it first stays up 6 s for one more autosave, then shuts down.
    private const string Launcher = """
        const parent = Number(process.env.MATCHMAKER_PARENT_PID);
        const watch = setInterval(() => {
          try { process.kill(parent, 0); } catch {
            clearInterval(watch);
            setTimeout(() => {
              process.kill(process.pid, 'SIGINT');
              setTimeout(() => process.exit(0), 15000).unref();
            }, 6000);
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
        // setsid runs node in a new session under the same process id; without it (not Linux), plain node.
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.RepoRoot,
            Environment = { ["MATCHMAKER_PARENT_PID"] = Environment.ProcessId.ToString() },
        };
        if (start.FileName != "node") start.ArgumentList.Add("node");
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
        // Its close alone does not save the last seconds of blob metadata: let one more 5-second autosave run first.
        // Then ask it to close; on Node 20 it may never exit by itself: ask, wait, then insist.
        await Task.Delay(AutosaveWait);
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
