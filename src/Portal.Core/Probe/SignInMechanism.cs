using System.Net;
using System.Text;
using MailKit.Security;

namespace Portal.Core.Probe;

/// <summary>
/// The one SASL mechanism the probe signs in with, as a mail program does. Given a user name and password, MailKit
/// would try each mechanism the server offers until one works, so a wrong password became a failed sign-in per
/// mechanism (PLAIN, then LOGIN) at the ISP's server: twice against the account's lockout and the portal's address,
/// and twice in the log the migration evidence is read from.
/// </summary>
internal static class SignInMechanism
{
    /// <summary>
    /// PLAIN and LOGIN first: over TLS they are what mail programs send, and they work however the server keeps
    /// passwords (a challenge-response mechanism refuses a right password the server cannot check that way).
    /// </summary>
    private static readonly string[] Preferred = ["PLAIN", "LOGIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5"];

    /// <summary>The mechanism to use among those offered, or null when none of them can sign in with a password.</summary>
    public static SaslMechanism? For(IReadOnlySet<string> offered, string userName, string password)
    {
        var name = Preferred.FirstOrDefault(p => offered.Any(o => string.Equals(o, p, StringComparison.OrdinalIgnoreCase)));
        return name is null ? null : SaslMechanism.Create(name, Encoding.UTF8, new NetworkCredential(userName, password));
    }
}
