using Microsoft.Extensions.Configuration;

namespace Matchmaker.Api.Features.Notices;

/// <summary>
/// Where notices are mailed. <c>Mail:Host</c> names an SMTP server; without one, development uses the maildev the
/// host starts on <c>Mail:DevelopmentSmtpPort</c> (unless <c>Mail:Development</c> is false), and otherwise no mail
/// is sent (notices stay in the inbox).
/// </summary>
public sealed record MailOptions(string? Host, int Port, string From, string? UserName, string? Password, bool StartTls, bool Development, int DevelopmentWebPort)
{
    public const string Section = "Mail";

    public bool Enabled => Host is not null;

    public static MailOptions Of(IConfiguration configuration)
    {
        var mail = configuration.GetSection(Section);
        var host = mail["Host"] is { Length: > 0 } h ? h : null;
        var development = host is null && mail.GetValue("Development", true);
        return new MailOptions(
            Host: host ?? (development ? "127.0.0.1" : null),
            Port: host is null ? mail.GetValue("DevelopmentSmtpPort", 1025) : mail.GetValue("Port", 25),
            From: mail["From"] ?? "Matchmaker <noreply@matchmaker.invalid>",
            UserName: mail["UserName"],
            Password: mail["Password"],
            StartTls: mail.GetValue("StartTls", false),
            Development: development,
            DevelopmentWebPort: mail.GetValue("DevelopmentWebPort", 1080));
    }
}
