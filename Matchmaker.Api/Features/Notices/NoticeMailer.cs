using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Matchmaker.Api.Features.Notices;

/// <summary>
/// Mails a notice through SMTP (MailKit) in the recipient's language, with the recipient's agenda attached as
/// .ics so a calendar app updates every meeting (stable UIDs). The Message-ID names the notice, so a server or a
/// reader that sees it twice can tell.
/// </summary>
public sealed class NoticeMailer(NoticeComposer composer, IServiceProvider services, IConfiguration configuration) : INoticeMailer
{
    private readonly MailOptions _options = MailOptions.Of(configuration);

    public bool Enabled => _options.Enabled;

    public async Task<(MailResult Result, string? Error)> SendAsync(string eventId, ParticipantKind kind, string participantId, Notice notice, CancellationToken cancellationToken)
    {
        if (_options.Host is not { } host) return (MailResult.Failed, "No SMTP server is configured.");
        if (await composer.ContextAsync(eventId, kind, participantId) is not { } context || context.Email is null) return (MailResult.NoAddress, null);
        var text = await composer.WriteAsync(context, notice);

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From));
        message.To.Add(new MailboxAddress(context.RecipientName, context.Email));
        message.Subject = text.Subject;
        message.MessageId = $"{notice.Id}.{kind.ToString().ToLowerInvariant()}.{participantId}.{eventId}@matchmaker";
        var body = new BodyBuilder { TextBody = text.Body };
        using (var scope = services.CreateScope())
        {
            var agenda = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new GetAgenda(Actor.ParticipantOf(eventId, kind, participantId), eventId, kind, participantId), cancellationToken);
            body.Attachments.Add("agenda.ics", Encoding.UTF8.GetBytes(AgendaCalendar.Write(agenda)), ContentType.Parse("text/calendar; charset=utf-8; method=PUBLISH"));
        }
        message.Body = body.ToMessageBody();

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
