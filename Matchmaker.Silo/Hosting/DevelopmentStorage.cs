using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// With the development connection string and nothing listening on Azurite's ports, starts Azurite for the
/// life of the host with its data under .data/azurite/. Registered before Orleans, so storage answers before
/// the silo starts; a real connection string starts nothing.
/// </summary>
public sealed class DevelopmentStorage(IConfiguration configuration, ILogger<DevelopmentStorage> logger) : IHostedService
{
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    private AzuriteProcess? _azurite;

    public static string ConnectionStringOf(IConfiguration configuration) =>
        configuration.GetConnectionString("Storage") ?? DevelopmentConnectionString;

    /// <summary>The development shorthand names Azurite's endpoints (default ports unless configured); anything else is used as given.</summary>
    public static string ResolveConnectionString(IConfiguration configuration)
    {
        var configured = ConnectionStringOf(configuration);
        return IsDevelopment(configured) ? OptionsOf(configuration, repoRoot: "").ConnectionString : configured;
    }

    /// <summary>Where development storage runs: <c>DevelopmentStorage:BlobPort</c>, <c>QueuePort</c>, <c>TablePort</c>, <c>DataDirectory</c>.</summary>
    public static AzuriteOptions OptionsOf(IConfiguration configuration, string repoRoot)
    {
        var section = configuration.GetSection("DevelopmentStorage");
        return new AzuriteOptions(repoRoot,
            section["DataDirectory"] ?? (repoRoot.Length == 0 ? "" : Path.Combine(repoRoot, ".data", "azurite")),
            section.GetValue("BlobPort", 10000), section.GetValue("QueuePort", 10001), section.GetValue("TablePort", 10002));
    }

    public static bool IsDevelopment(string connectionString) =>
        string.Equals(connectionString.Trim().TrimEnd(';'), DevelopmentConnectionString, StringComparison.OrdinalIgnoreCase);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsDevelopment(ConnectionStringOf(configuration))) return;
        var options = OptionsOf(configuration, RepoRoot.Find());
        // Nodes of a cluster started together on this machine take turns, so exactly one of them starts Azurite.
        Directory.CreateDirectory(options.DataDirectory);
        await using var turn = await ExclusiveFile.OpenAsync(Path.Combine(options.DataDirectory, ".matchmaker-start.lock"), cancellationToken);
        if (await AzuriteProcess.AnswersAsync(options.TablePort) && await AzuriteProcess.AnswersAsync(options.BlobPort))
        {
            logger.LogInformation("Development storage already answers on 127.0.0.1:{Blob} and {Table}; using it.", options.BlobPort, options.TablePort);
            return;
        }
        _azurite = await AzuriteProcess.StartAsync(options, cancellationToken);
        logger.LogInformation("Started Azurite (pid {Pid}) with data in {Directory}.", _azurite.ProcessId, options.DataDirectory);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_azurite is null) return;
        await _azurite.DisposeAsync();
        logger.LogInformation("Stopped Azurite.");
        _azurite = null;
    }
}

/// <summary>Finds the checkout the executable runs from (the folder with package.json and node_modules).</summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Matchmaker.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                    return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the Matchmaker checkout (Matchmaker.sln beside package.json) above the current directory or the executable; run from the repository.");
    }
}

/// <summary>A file held open with no sharing: on Linux an advisory lock that other processes wait for; released when disposed or when the process dies.</summary>
internal static class ExclusiveFile
{
    public static async Task<FileStream> OpenAsync(string path, CancellationToken cancel)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!cancel.IsCancellationRequested)
            {
                await Task.Delay(100, cancel);
            }
        }
    }
}
