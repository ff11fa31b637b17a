using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.DemoSubmission;

/// <summary>
/// Demo mode runs a built-in submission server with a demo account, so a fresh clone works with no mail server.
/// It is on when Demo:Enabled says so, or, when that is unset, while no Isp:Submission:Host is configured.
/// </summary>
public sealed class DemoMode(IOptions<DemoSubmissionOptions> demo, IOptions<IspOptions> isp)
{
    public bool IsOn => demo.Value.Enabled ?? string.IsNullOrWhiteSpace(isp.Value.Submission.Host);

    public DemoSubmissionOptions Options => demo.Value;

    /// <summary>The demo server as a mail program would be set up for it.</summary>
    public MailServer Server => new() { Host = Options.Address, Port = Options.Port, Security = ConnectionSecurity.StartTls };

    /// <summary>The submission server members are told to use: the demo server in demo mode, the ISP's otherwise.</summary>
    public MailServer Submission => IsOn ? Server : isp.Value.Submission;

    /// <summary>The implicit-TLS submission server (port 465 style), if one is offered.</summary>
    public MailServer? ImplicitTls => IsOn
        ? Options.ImplicitTlsPort > 0 ? new MailServer { Host = Options.Address, Port = Options.ImplicitTlsPort, Security = ConnectionSecurity.SslOnConnect } : null
        : string.IsNullOrWhiteSpace(isp.Value.ImplicitTls.Host) ? null : isp.Value.ImplicitTls;
}
