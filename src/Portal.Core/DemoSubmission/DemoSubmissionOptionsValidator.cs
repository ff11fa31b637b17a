using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.DemoSubmission;

internal sealed class DemoSubmissionOptionsValidator : IValidateOptions<DemoSubmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoSubmissionOptions o)
    {
        var p = new Problems();
        // Loopback only: the account and password are public knowledge, so the server must not be reachable from other hosts.
        if (!IPAddress.TryParse(o.Address, out var address) || !IPAddress.IsLoopback(address))
            p.Add("Demo:Address", $"must be a loopback IP address such as 127.0.0.1 or ::1 (was '{o.Address}')");
        p.Between("Demo:Port", o.Port, 1, IPEndPoint.MaxPort);
        if (o.ImplicitTlsPort is < 0 or > IPEndPoint.MaxPort || (o.ImplicitTlsPort != 0 && o.ImplicitTlsPort == o.Port))
            p.Add("Demo:ImplicitTlsPort", $"must be 0 (off) or a port between 1 and 65535 other than Demo:Port (was {o.ImplicitTlsPort})");
        if (!MailAddress.TryCreate(o.AccountAddress, out var account) || account.Address != o.AccountAddress)
            p.Add("Demo:AccountAddress", $"must be a bare e-mail address such as demo@example.jp (was '{o.AccountAddress}')");
        // The value is deliberately not echoed: messages end up in logs.
        if (string.IsNullOrEmpty(o.AccountPassword)) p.Add("Demo:AccountPassword", "must not be empty");
        if (string.IsNullOrWhiteSpace(o.CertificateFile)) p.Add("Demo:CertificateFile", "must not be empty");
        return p.Result();
    }
}
