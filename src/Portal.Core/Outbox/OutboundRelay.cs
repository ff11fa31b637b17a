using Portal.Core.Mail;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Core.Outbox;

/// <summary>Where the outbox connects, as whom, and the From of its messages. Not a record: its text must never show the password.</summary>
internal sealed class OutboundRelay(string host, int port, ConnectionSecurity security, string? user, string? password, MailboxAddress from, X509Certificate2Collection trust)
{
    public string Host => host;
    public int Port => port;
    public ConnectionSecurity Security => security;
    public string? User => user;
    public string? Password => password;
    public MailboxAddress From => from;
    public X509Certificate2Collection Trust => trust;

    public override string ToString() => $"{host}:{port} ({security}, {(user is null ? "no AUTH" : $"as {user}")})";
}

/// <summary>
/// The relay from the Outbound options; with no Outbound:Host in demo mode, the demo submission server with the demo
/// account (which may send only as itself, so it is also the From), trusting the demo server's own certificate.
/// </summary>
public sealed class OutboundRelaySource(IOptions<OutboundOptions> options, IOptions<IspOptions> isp, DemoMode demo, IHostEnvironment environment)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Host) || demo.IsOn;

    /// <summary>Read at each connection: the demo certificate appears once the demo server has started, and PEM files may be renewed.</summary>
    internal OutboundRelay Resolve()
    {
        var o = options.Value;
        var fromName = string.IsNullOrWhiteSpace(o.FromName) ? isp.Value.Name.Ja : o.FromName;
        var trust = TrustedCertificates.Load(o.TrustedCertificateFile, environment.ContentRootPath);

        if (!string.IsNullOrWhiteSpace(o.Host))
        {
            var user = string.IsNullOrWhiteSpace(o.User) ? null : o.User;
            return new OutboundRelay(o.Host.Trim(), o.Port, o.Security, user, user is null ? null : o.Password, new MailboxAddress(fromName, o.FromAddress
                ?? throw new InvalidOperationException("Outbound:FromAddress is required with Outbound:Host (checked at start-up).")), trust);
        }

        if (!demo.IsOn) throw new InvalidOperationException("Outbound:Host is not set and demo mode is off: there is no relay.");
        if (DemoCertificate.PublicPart(demo, environment.ContentRootPath) is { } demoCertificate) trust.Add(demoCertificate);
        var account = demo.Options.AccountAddress;
        return new OutboundRelay(demo.Server.Host, demo.Server.Port, demo.Server.Security, account, demo.Options.AccountPassword, new MailboxAddress(fromName, account), trust);
    }
}
