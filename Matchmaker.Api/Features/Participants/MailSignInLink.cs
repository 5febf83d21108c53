using System.Text;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Notices;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Mediator;
using MimeKit;

namespace Matchmaker.Api.Features.Participants;

/// <summary>
/// The organiser mails a participant a new sign-in link at its contact address, in its language; the old link stops
/// working. <paramref name="SiteUrl"/> is where participants reach the service (the organiser's own address for it).
/// </summary>
public sealed record MailSignInLink(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId, string SiteUrl)
    : ICommand<SignInLinkMailed>, IValidated
{
    public ValidationErrors Validate() => ParticipantQueries.CheckIds(EventId, ParticipantId);
}

/// <summary>
/// Where the link went. A link is a credential and is never stored, so it is mailed at once rather than through the
/// notices' outbox; when the server fails, the answer still carries the new link for the organiser to pass on.
/// </summary>
public sealed record SignInLinkMailed(string To, bool Sent, string? Error, string SignInLink);

public sealed class MailSignInLinkHandler(IGrainFactory grains, NoticeComposer composer, SmtpSender smtp, IMediator mediator)
    : ICommandHandler<MailSignInLink, SignInLinkMailed>
{
    public async ValueTask<SignInLinkMailed> Handle(MailSignInLink command, CancellationToken cancellationToken)
    {
        var (eventId, kind, id) = (command.EventId, command.Kind, command.ParticipantId);
        AccessCheck.Require(AccessRules.MayOrganise(command.Actor, eventId), $"Only the organiser of '{eventId}' issues and mails sign-in links.");
        await grains.RequireEventAsync(eventId);
        // Everything that can refuse is checked before the old link is replaced.
        var context = await composer.ContextAsync(eventId, kind, id) ?? throw ParticipantRules.Missing(eventId, kind, id);
        if (context.Email is null)
            throw new ConflictException(Phrases.NoContactEmail.With(ParticipantRules.Describe(kind, id)));
        if (!smtp.Enabled) throw new ConflictException(Phrases.NoMailServer);

        var token = (await mediator.Send(new ReplaceParticipantToken(command.Actor, eventId, kind, id, Revoke: false), cancellationToken))!;
        var link = SignInApi.LinkFor(command.SiteUrl, token);
        var culture = context.Culture;
        string T(string name, params object?[] args) => string.Format(culture, NoticeComposer.Text(name, culture), args);

        var message = new MimeMessage { Subject = T("SignInLink.Subject", context.Config.Name) };
        message.From.Add(smtp.From);
        message.To.Add(new MailboxAddress(context.RecipientName, context.Email));
        message.Body = new MimeKit.TextPart("plain")
        {
            Text = new StringBuilder()
                .AppendLine(T("Greeting", context.RecipientName)).AppendLine()
                .AppendLine(T("SignInLink.Body", context.Config.Name)).AppendLine()
                .AppendLine(link).AppendLine()
                .AppendLine(T("SignInLink.Personal"))
                .ToString(),
        };
        var (result, error) = await smtp.SendAsync(message, cancellationToken);
        return new SignInLinkMailed(context.Email, result == MailResult.Sent, error, link);
    }
}
