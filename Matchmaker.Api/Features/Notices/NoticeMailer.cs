using System.Text;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Model.Access;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Matchmaker.Api.Features.Notices;

/// <summary>
/// Mails a notice through SMTP (MailKit) in the recipient's language, with the recipient's agenda attached as
/// .ics so a calendar app updates every meeting (stable UIDs). The Message-ID names the notice, so a server or a
/// reader that sees it twice can tell.
/// </summary>
public sealed class NoticeMailer(NoticeComposer composer, IServiceProvider services, SmtpSender smtp) : INoticeMailer
{
    public bool Enabled => smtp.Enabled;

    public async Task<(MailResult Result, string? Error)> SendAsync(string eventId, ParticipantKind kind, string participantId, Notice notice, CancellationToken cancellationToken)
    {
        if (!smtp.Enabled) return (MailResult.Failed, "No SMTP server is configured.");
        if (await composer.ContextAsync(eventId, kind, participantId) is not { } context || context.Email is null) return (MailResult.NoAddress, null);
        var text = await composer.WriteAsync(context, notice);

        var message = new MimeMessage();
        message.From.Add(smtp.From);
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

        return await smtp.SendAsync(message, cancellationToken);
    }
}
