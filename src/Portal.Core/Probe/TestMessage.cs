using Portal.Core.Mail;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Configuration;

namespace Portal.Core.Probe;

/// <summary>On request, after a passing probe, one real message from the member to the member through the same server and account.</summary>
public sealed class TestMessage(IOptions<IspOptions> isp, TimeProvider time)
{
    public async Task<ProbeStep> SendAsync(ProbeRequest request, ProbeSettings settings, IProgress<ProbeStep>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var certificates = new CertificateCheck(settings.ExtraTrust, settings.AcceptAnyCertificate);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.Budget);
        ProbeStep step;
        try
        {
            if (!MailboxAddress.TryParse(request.Sender, out var member))
                return Report(new ProbeStep(ProbeSteps.TestMessage, ProbeStatus.Warn, 0, $"<{request.Sender}> is not an address a message can be sent to"), progress);

            using var client = new SmtpClient { Timeout = (int)settings.StepTimeout.TotalMilliseconds, CheckCertificateRevocation = false, ServerCertificateValidationCallback = certificates.Validate };
            var target = request.Target;
            var options = target.Security.ToSecureSocketOptions();
            if (target.Addresses is { Count: > 0 } addresses)
            {
                // The checked address, not a second lookup; the socket lives as long as the client (MailKit disposes it).
                var socket = new System.Net.Sockets.Socket(addresses[0].AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(addresses[0], target.Port, budget.Token);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                await client.ConnectAsync(socket, HostNames.Ascii(target.Host), target.Port, options, budget.Token);
            }
            else
            {
                await client.ConnectAsync(HostNames.Ascii(target.Host), target.Port, options, budget.Token);
            }

            await client.AuthenticateAsync(
                SignInMechanism.For(client.AuthenticationMechanisms, request.UserName, request.Password) ?? throw new MailKit.Security.AuthenticationException("no password mechanism offered"),
                budget.Token);
            await client.SendAsync(Compose(member), budget.Token);
            await client.DisconnectAsync(true, budget.Token);
            step = new ProbeStep(ProbeSteps.TestMessage, ProbeStatus.Pass, Elapsed(started), $"sent to <{request.Sender}>");
        }
        catch (Exception e) when (MailConnection.IsTrouble(e))
        {
            step = new ProbeStep(ProbeSteps.TestMessage, ProbeStatus.Warn, Elapsed(started),
                $"the test message could not be sent ({e.GetType().Name}{(e is SmtpCommandException c ? $" {(int)c.StatusCode}" : "")})");
        }

        return Report(step, progress);
    }

    private static ProbeStep Report(ProbeStep step, IProgress<ProbeStep>? progress)
    {
        progress?.Report(step);
        return step;
    }

    private MimeMessage Compose(MailboxAddress member)
    {
        var o = isp.Value;
        var message = new MimeMessage();
        message.From.Add(member);
        message.To.Add(member);
        message.Subject = $"{o.Name.Ja} / {o.Name.En}: テストメール / test message";
        message.Body = new TextPart("plain")
        {
            Text = $"このメールは{o.Name.Ja}の「設定をテストする」から送りました。届いていれば、送信の設定はできています。\n\n"
                   + $"This message was sent by {o.Name.En}'s \"Test my settings\". If it reached you, sending works.\n",
        };
        return message;
    }

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;
}
