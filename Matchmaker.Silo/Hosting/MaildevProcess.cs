using System.ComponentModel;
using System.Diagnostics;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// A running maildev (an SMTP server that keeps every mail for a web inbox and a REST API), started from the repo's
/// node_modules with plain node in a session of its own, like Azurite; it exits once the .NET parent is gone.
/// </summary>
public sealed class MaildevProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const string Launcher = """
        const parent = Number(process.env.MATCHMAKER_PARENT_PID);
        setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 500);
        const script = process.argv[1];
        process.argv = [process.argv[0], script, ...process.argv.slice(2)];
        require(script);
        """;

    private readonly Process _process;

    private MaildevProcess(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public int ProcessId => _process.Id;

    public string InboxUrl => $"http://127.0.0.1:{WebPort}";

    public static string ScriptPath(string repoRoot) => Path.Combine(repoRoot, "node_modules", "maildev", "dist", "bin", "maildev.js");

    public static async Task<MaildevProcess> StartAsync(string repoRoot, int smtpPort, int webPort, CancellationToken cancel = default)
    {
        var script = ScriptPath(repoRoot);
        if (!File.Exists(script))
            throw new InvalidOperationException($"maildev is not installed at {script}: run `npm ci` in {repoRoot}, or set Mail:Host to an SMTP server (Mail:Development=false sends no mail).");
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repoRoot,
            Environment = { ["MATCHMAKER_PARENT_PID"] = Environment.ProcessId.ToString() },
        };
        if (start.FileName != "node") start.ArgumentList.Add("node");
        foreach (var arg in new[] { "-e", Launcher, script, "--smtp", smtpPort.ToString(), "--web", webPort.ToString(), "--ip", "127.0.0.1", "--silent" })
            start.ArgumentList.Add(arg);

        Process process;
        try { process = Process.Start(start) ?? throw new InvalidOperationException("node did not start."); }
        catch (Win32Exception)
        {
            throw new InvalidOperationException("Node.js is not installed: install Node.js 20 or newer for the development mail server, or set Mail:Host to an SMTP server.");
        }
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var maildev = new MaildevProcess(process, smtpPort, webPort);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AzuriteProcess.AnswersAsync(smtpPort) || !await AzuriteProcess.AnswersAsync(webPort))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"maildev exited with code {process.ExitCode} while starting: {errors.ToString().Trim()}");
            if (DateTime.UtcNow > deadline)
            {
                await maildev.DisposeAsync();
                throw new TimeoutException($"maildev did not answer on 127.0.0.1:{smtpPort} within {StartTimeout.TotalSeconds} s.");
            }
            await Task.Delay(100, cancel);
        }
        return maildev;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Nothing to save: maildev keeps mail in memory and a temporary folder.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
