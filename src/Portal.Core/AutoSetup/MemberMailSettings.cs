using System.Net.Mail;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Core.AutoSetup;

/// <summary>
/// What every one-click document tells a member's program: the ISP's mail domain, the incoming server, the submission
/// server members are told to use (the demo server in demo mode) and how user names are formed.
/// </summary>
public sealed record MemberMailSettings(string Domain, IncomingServer Incoming, MailServer Outgoing, MailServer? ImplicitTls, UserNameFormat UserNameFormat)
{
    /// <summary>The member's user name for their address, as the guides and the settings card show it.</summary>
    public string UserNameFor(string address) => UserNameFormat.UserNameFor(address);

    /// <summary>
    /// The address when it is a plain address at the ISP's domain (no display name, nothing around it), with the domain
    /// in lower case; null otherwise. The documents are only for the ISP's own accounts.
    /// </summary>
    public string? MemberAddress(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254) return null;
        if (!MailAddress.TryCreate(text, out var parsed) || parsed.Address != text || parsed.DisplayName.Length > 0) return null;
        if (!string.Equals(parsed.Host, Domain, StringComparison.OrdinalIgnoreCase) || parsed.User.Length == 0) return null;
        return $"{parsed.User}@{Domain.ToLowerInvariant()}";
    }
}

public sealed class MemberMailSettingsSource(IOptions<IspOptions> isp, DemoMode demo)
{
    public MemberMailSettings Current()
    {
        var o = isp.Value;
        return new MemberMailSettings(o.MailDomain, o.Incoming, demo.Submission, demo.ImplicitTls, o.UserNameFormat);
    }
}
