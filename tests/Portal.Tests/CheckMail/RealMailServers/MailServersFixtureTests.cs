using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Tests.CheckMail.RealMailServers;

/// <summary>The fixture itself: a member's program submitting on the submission listener and one using the plain listener leave the Received lines the analyser reads.</summary>
[Collection("real mail servers")]
public sealed class MailServersFixtureTests(MailServersFixture servers)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_message_on_the_submission_listener_arrives_as_ESMTPSA_under_the_port_header()
    {
        var ct = CancellationToken.None;
        // A program behind a home router greets with its LAN address, as in the analyser's corpus (and not this machine's name).
        using var smtp = new SmtpClient { ServerCertificateValidationCallback = servers.IsServerCertificate, LocalDomain = "[192.168.1.20]" };
        await smtp.ConnectAsync(servers.Host, servers.SubmissionPort, SecureSocketOptions.StartTls, ct);
        await smtp.AuthenticateAsync(servers.MemberUser, servers.MemberPassword, ct);
        await smtp.SendAsync(Message("Taro Yamada", "K7Q-2M4", "Becky! ver. 2.75.01", $"<{DateTime.Now:yyyyMMddHHmmss}.8A3F.E5B1C2D4@example-isp.test>"), ct);
        await smtp.DisconnectAsync(true, ct);

        var received = await servers.WaitForMessageAsync("K7Q-2M4", Delivery, ct);

        var (lmtp, postfix) = Hops(received);
        // Dovecot's hand-off is on top; Postfix's own hop below it is where the member's program came in.
        Assert.Matches(@"^from mail\.example-isp\.test\s+by mail\.example-isp\.test with LMTP\s", received.Headers[lmtp].Value);
        Assert.Matches(@"\(using TLSv1\.[23] with cipher ", received.Headers[postfix].Value);
        Assert.Contains($"(Authenticated sender: {servers.MemberAddress})", received.Headers[postfix].Value, StringComparison.Ordinal);
        Assert.Matches(@"\sby mail\.example-isp\.test \(Postfix\) with ESMTPSA id ", received.Headers[postfix].Value);
        // Exactly one port header, between the two hops: only our listener can have put it there.
        var portHeader = Assert.Single(received.Headers, h => h.Field.Equals(servers.PortHeader, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(servers.NominalSubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture), portHeader.Value.Trim());
        Assert.InRange(received.Headers.IndexOf(portHeader), lmtp + 1, postfix - 1);
        Assert.Equal("Becky! ver. 2.75.01", received.Headers["X-Mailer"]);
    }

    [Fact]
    public async Task A_message_on_the_plain_listener_arrives_as_ESMTP_with_port_25_in_the_port_header()
    {
        var ct = CancellationToken.None;
        // Outlook Express names itself by its computer name in HELO, and (misconfigured) talks plain SMTP to port 25.
        using var smtp = new SmtpClient { LocalDomain = "pc01" };
        await smtp.ConnectAsync(servers.Host, servers.PlainPort, SecureSocketOptions.None, ct);
        await smtp.SendAsync(Message("Hanako Suzuki", "P3X-8N5", "Microsoft Outlook Express 6.00.2900.5512", "<000801c6d4f2$5a1b2c30$1401a8c0@pc01>"), ct);
        await smtp.DisconnectAsync(true, ct);

        var received = await servers.WaitForMessageAsync("P3X-8N5", Delivery, ct);

        var (lmtp, postfix) = Hops(received);
        Assert.Matches(@"^from pc01 \(localhost \[127\.0\.0\.1\]\)\s+by mail\.example-isp\.test \(Postfix\) with ESMTP id ", received.Headers[postfix].Value);
        Assert.DoesNotContain("Authenticated sender", received.Headers[postfix].Value, StringComparison.Ordinal);
        var portHeader = Assert.Single(received.Headers, h => h.Field.Equals(servers.PortHeader, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("25", portHeader.Value.Trim());
        Assert.InRange(received.Headers.IndexOf(portHeader), lmtp + 1, postfix - 1);
    }

    [Fact]
    public async Task The_plain_listener_never_offers_AUTH_not_even_after_STARTTLS()
    {
        var ct = CancellationToken.None;
        using var smtp = new SmtpClient { ServerCertificateValidationCallback = servers.IsServerCertificate };
        await smtp.ConnectAsync(servers.Host, servers.PlainPort, SecureSocketOptions.StartTls, ct);

        Assert.True(smtp.IsSecure);
        Assert.False(smtp.Capabilities.HasFlag(SmtpCapabilities.Authentication));
        await Assert.ThrowsAsync<NotSupportedException>(() => smtp.AuthenticateAsync(servers.MemberUser, servers.MemberPassword, ct));
    }

    [Fact]
    public async Task The_submission_listener_takes_no_mail_without_TLS_and_AUTH()
    {
        var ct = CancellationToken.None;
        using (var plain = new SmtpClient())
        {
            await plain.ConnectAsync(servers.Host, servers.SubmissionPort, SecureSocketOptions.None, ct);
            // Before STARTTLS: no AUTH offered, and MAIL is refused.
            Assert.True(plain.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
            Assert.False(plain.Capabilities.HasFlag(SmtpCapabilities.Authentication));
            var beforeTls = await Assert.ThrowsAsync<ServiceNotAuthenticatedException>(() => plain.SendAsync(Message("Nobody", "no-tls", "test", "<no-tls@pc01>"), ct));
            Assert.Contains("STARTTLS", beforeTls.Message, StringComparison.Ordinal);
        }

        using var smtp = new SmtpClient { ServerCertificateValidationCallback = servers.IsServerCertificate };
        await smtp.ConnectAsync(servers.Host, servers.SubmissionPort, SecureSocketOptions.StartTls, ct);
        Assert.True(smtp.Capabilities.HasFlag(SmtpCapabilities.Authentication));
        // After STARTTLS but without AUTH: the recipient is refused.
        var withoutAuth = await Assert.ThrowsAsync<SmtpCommandException>(() => smtp.SendAsync(Message("Nobody", "no-auth", "test", "<no-auth@pc01>"), ct));
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, withoutAuth.ErrorCode);
    }

    private MimeMessage Message(string name, string subject, string mailer, string messageId)
    {
        var message = new MimeMessage
        {
            MessageId = messageId,
            Subject = subject,
            Date = DateTimeOffset.Now,
            Body = new TextPart("plain") { Text = "test\n" },
        };
        message.From.Add(new MailboxAddress(name, servers.MemberAddress));
        message.To.Add(MailboxAddress.Parse(servers.CheckAddress));
        message.Headers.Add("X-Mailer", mailer);
        return message;
    }

    // Indexes of the two Received headers: Dovecot's LMTP hop on top, then Postfix's.
    private static (int Lmtp, int Postfix) Hops(MimeMessage message)
    {
        var received = message.Headers.Select((h, i) => (h, i)).Where(x => x.h.Id == HeaderId.Received).Select(x => x.i).ToList();
        Assert.Equal(2, received.Count);
        return (received[0], received[1]);
    }
}
