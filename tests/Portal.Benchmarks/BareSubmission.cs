using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Portal.Benchmarks;

/// <summary>
/// The baseline: exactly the probe's SMTP work with MailKit alone: connect, STARTTLS, AUTH, MAIL FROM, RCPT TO, RSET,
/// QUIT. Same server, same account, same library as the probe, without the portal around it, so the ratio is the
/// portal's own overhead and not a difference in what is asked of the server.
/// </summary>
internal sealed class BareSubmission(string host, int port, X509Certificate2 trusted, string account, string password, string recipient)
{
    private readonly byte[] _trustedHash = trusted.GetCertHash();

    /// <summary>One full session on a new connection; returns its duration in milliseconds.</summary>
    public async Task<double> RunOnceAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var client = new CommandClient
        {
            CheckCertificateRevocation = false,
            // Trust exactly the demo certificate (self-signed), nothing else: as strict as the probe, not "accept any".
            ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(_trustedHash),
        };
        await client.ConnectAsync(host, port, SecureSocketOptions.StartTls, cancellationToken);
        // PLAIN, as the probe signs in where it is offered (Probe/SignInMechanism.cs).
        await client.AuthenticateAsync(new SaslMechanismPlain(account, password), cancellationToken);
        await client.ExpectAsync($"MAIL FROM:<{account}>", 250, cancellationToken);
        await client.ExpectAsync($"RCPT TO:<{recipient}>", 250, cancellationToken);
        await client.ExpectAsync("RSET", 250, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>MailKit's own command path, which the probe uses too (SmtpClient has no MAIL FROM without DATA).</summary>
    private sealed class CommandClient : SmtpClient
    {
        public async Task ExpectAsync(string command, int code, CancellationToken cancellationToken)
        {
            var reply = await SendCommandAsync(command, cancellationToken);
            if ((int)reply.StatusCode != code) throw new InvalidOperationException($"{command}: {(int)reply.StatusCode} {reply.Response}");
        }
    }
}
