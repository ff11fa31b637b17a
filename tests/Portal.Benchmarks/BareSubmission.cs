using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Portal.Benchmarks;

/// <summary>
/// The baseline: what any mail program does to check an account, with MailKit alone: connect, STARTTLS, AUTH, QUIT.
/// Same server, same account, same library as the probe, without the portal around it.
/// </summary>
internal sealed class BareSubmission(string host, int port, X509Certificate2 trusted, string account, string password)
{
    private readonly byte[] _trustedHash = trusted.GetCertHash();

    /// <summary>One full session on a new connection; returns its duration in milliseconds.</summary>
    public async Task<double> RunOnceAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var client = new SmtpClient
        {
            CheckCertificateRevocation = false,
            // Trust exactly the demo certificate (self-signed), nothing else: as strict as the probe, not "accept any".
            ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(_trustedHash),
        };
        await client.ConnectAsync(host, port, SecureSocketOptions.StartTls, cancellationToken);
        await client.AuthenticateAsync(account, password, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return clock.Elapsed.TotalMilliseconds;
    }
}
