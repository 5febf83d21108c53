using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Matchmaker.Model.Notices;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Matchmaker.Api.Features.Notices;

/// <summary>Hands one message to the configured SMTP server (MailKit): sent, or failed with the server's or network's reason.</summary>
public sealed class SmtpSender(IConfiguration configuration)
{
    private readonly MailOptions _options = MailOptions.Of(configuration);

    public bool Enabled => _options.Enabled;

    public MailboxAddress From => MailboxAddress.Parse(_options.From);

    public async Task<(MailResult Result, string? Error)> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (_options.Host is not { } host) return (MailResult.Failed, "No SMTP server is configured.");
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(host, _options.Port, _options.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (_options.UserName is { } user) await smtp.AuthenticateAsync(user, _options.Password ?? "", cancellationToken);
            await smtp.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or AuthenticationException or TimeoutException)
        {
            return (MailResult.Failed, ex.Message);
        }
        // The server took it: a failure to say goodbye must not make it a retry, which would mail it twice.
        try { await smtp.DisconnectAsync(true, cancellationToken); }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or TimeoutException) { }
        return (MailResult.Sent, null);
    }
}
