using Matchmaker.Api.Features.Notices;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// Without an SMTP server configured (<c>Mail:Host</c>), starts maildev for the life of the host so notices are
/// mailed somewhere a developer can read them, and prints its inbox address. Something already answering on the
/// ports is used as it is; <c>Mail:Development=false</c> starts nothing and sends no mail.
/// </summary>
public sealed class DevelopmentMail(IConfiguration configuration, ILogger<DevelopmentMail> logger) : IHostedService
{
    private MaildevProcess? _maildev;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = MailOptions.Of(configuration);
        if (!options.Development) return;
        // Nodes of a cluster started together on this machine take turns, so exactly one of them starts maildev.
        var data = Path.Combine(RepoRoot.Find(), ".data");
        Directory.CreateDirectory(data);
        await using var turn = await ExclusiveFile.OpenAsync(Path.Combine(data, ".maildev-start.lock"), cancellationToken);
        if (!await AzuriteProcess.AnswersAsync(options.Port))
        {
            _maildev = await MaildevProcess.StartAsync(RepoRoot.Find(), options.Port, options.DevelopmentWebPort, cancellationToken);
            logger.LogInformation("Started maildev (pid {Pid}) on SMTP port {Port}.", _maildev.ProcessId, options.Port);
        }
        Console.WriteLine($"Mail: notices go to the development mail server; read them at http://127.0.0.1:{options.DevelopmentWebPort}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_maildev is null) return;
        await _maildev.DisposeAsync();
        _maildev = null;
    }
}
