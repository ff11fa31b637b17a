using System.Globalization;
using System.Text;

namespace Portal.Core.Mail;

/// <summary>Host names as DNS and certificates spell them.</summary>
internal static class HostNames
{
    /// <summary>
    /// An internationalised name (例え.jp) in its ASCII form (xn--r8jz45g.jp), which is what DNS holds and a certificate
    /// names; an ASCII name or an address as given. A name IDNA refuses is given back as it is: its lookup fails as any
    /// unknown name's does.
    /// </summary>
    public static string Ascii(string host)
    {
        if (System.Text.Ascii.IsValid(host)) return host;
        try
        {
            return new IdnMapping().GetAscii(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
    }
}
