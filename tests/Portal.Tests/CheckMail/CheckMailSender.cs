using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Tests.CheckMail;

/// <summary>A member's mail program in a test: MailKit sending one message, trusting only the given server certificate.</summary>
internal static class CheckMailSender
{
    public static MimeMessage Message(string from, string to, string subject, string? mailer = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        if (mailer is not null) message.Headers.Add("X-Mailer", mailer);
        message.Body = new TextPart("plain") { Text = "Checking my settings." };
        return message;
    }

    /// <param name="envelopeFrom">MAIL FROM, when it is not the message's From line.</param>
    public static async Task SendAsync(MimeMessage message, int port, SecureSocketOptions security, X509Certificate2 trusted,
        string? user = null, string? password = null, string host = "127.0.0.1", string? envelopeFrom = null)
    {
        using var client = new SmtpClient
        {
            CheckCertificateRevocation = false,
            // Only the test server's own certificate: the chain is self-signed, so compare the certificate itself.
            ServerCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == trusted.Thumbprint,
            Timeout = 15_000,
        };
        await client.ConnectAsync(host, port, security);
        if (user is not null) await client.AuthenticateAsync(user, password ?? "");
        if (envelopeFrom is null) await client.SendAsync(message);
        else await client.SendAsync(message, MailboxAddress.Parse(envelopeFrom), message.To.Mailboxes);
        await client.DisconnectAsync(quit: true);
    }
}
