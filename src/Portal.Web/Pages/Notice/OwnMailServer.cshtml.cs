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

    public void OnGet(string? ip, bool mine = false)
    {
        Typed = ip?.Trim();
        if (!string.IsNullOrEmpty(Typed))
        {
            // Only plain addresses: no ports, no host names, no ranges.
            if (!IPAddress.TryParse(Typed, out var address) || Typed.Contains('/', StringComparison.Ordinal)
                || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && Typed.Count(c => c == '.') != 3))
            {
                Invalid = true;
                return;
            }

            Result = new Check(address, isp.Value.DynamicRangeOf(address), IsVisitor: false);
        }
        else if (mine && HttpContext.Connection.RemoteIpAddress is { } visitor)
        {
            var address = visitor.IsIPv4MappedToIPv6 ? visitor.MapToIPv4() : visitor;
            Result = new Check(address, isp.Value.DynamicRangeOf(address), IsVisitor: true);
        }
    }
}
