using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Core.Probe;

/// <summary>What probing a member's account on the ISP's submission server means: the user name the server is sent, the envelope, the server (the demo server in demo mode).</summary>
public sealed class IspAccountProbe(IOptions<IspOptions> isp, IOptions<ProbeOptions> options, DemoMode demo)
{
    public ProbeRequest Request(string account, string password)
    {
        var o = isp.Value;
        var userName = o.UserNameFor(account);
        var sender = account.Contains('@', StringComparison.Ordinal) ? account : $"{account}@{o.MailDomain}";
        var recipient = string.IsNullOrWhiteSpace(options.Value.Recipient) ? $"postmaster@{o.MailDomain}" : options.Value.Recipient;
        var server = demo.Submission;
        return new ProbeRequest(new ProbeTarget(server.Host, server.Port, server.Security), userName, password, sender, recipient);
    }
}
