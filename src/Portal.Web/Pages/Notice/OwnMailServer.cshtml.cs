using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Web.Pages.Notice;

/// <summary>Own mail server: what changes, and a checker that says whether an address is in the ISP's dynamic ranges.</summary>
public sealed class OwnMailServerModel(IOptions<IspOptions> isp) : PageModel
{
    public sealed record Check(IPAddress Address, IPNetwork? Range, bool IsVisitor);

    public IspOptions Isp => isp.Value;

    /// <summary>What the member typed, shown back in the box.</summary>
    public string? Typed { get; private set; }

    public Check? Result { get; private set; }

    /// <summary>True when the typed text is not an IPv4 or IPv6 address.</summary>
    public bool Invalid { get; private set; }

    /// <summary>True when the member pressed Check with nothing in the box.</summary>
    public bool Missing { get; private set; }

    /// <summary>
    /// What a member types with the Japanese input method on reads as plain ASCII: full-width digits, dots and colons
    /// (NFKC), and the ideographic full stop some keyboards give for a dot.
    /// </summary>
    internal static string Normalise(string typed) =>
        typed.Normalize(System.Text.NormalizationForm.FormKC).Replace('。', '.').Replace('｡', '.').Trim();

    /// <summary>
    /// Only what a member would type: dotted decimal IPv4 (no leading zeros, which IPAddress would read as octal,
    /// no hex, no short forms) or plain IPv6 (no brackets, ports or zone ids).
    /// </summary>
    internal static IPAddress? ParseStrict(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return text.IndexOfAny(['[', ']', '%', '/']) < 0 && IPAddress.TryParse(text, out var v6)
                   && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? v6 : null;
        }

        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')) return null;
            var value = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (value > 255) return null;
            bytes[i] = (byte)value;
        }

        return new IPAddress(bytes);
    }

    public void OnGet(string? ip, bool mine = false)
    {
        // Shown back in the box and the error, so kept to a length that still fits on the page.
        Typed = ip?.Trim() is { Length: > 100 } pasted ? pasted[..100] + "…" : ip?.Trim();
        if (!string.IsNullOrEmpty(Typed))
        {
            if (ip!.Length > 100 || ParseStrict(Normalise(ip)) is not { } address)
            {
                Invalid = true;
                return;
            }

            Result = new Check(address, isp.Value.DynamicRangeOf(address), IsVisitor: false);
        }
        else if (!mine && Request.Query.ContainsKey("ip"))
        {
            Missing = true;
        }
        else if (mine && HttpContext.Connection.RemoteIpAddress is { } visitor)
        {
            var address = visitor.IsIPv4MappedToIPv6 ? visitor.MapToIPv4() : visitor;
            Result = new Check(address, isp.Value.DynamicRangeOf(address), IsVisitor: true);
        }
    }
}
