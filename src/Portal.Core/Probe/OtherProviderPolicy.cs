using Portal.Core.Mail;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Portal.Core.Probe;

/// <summary>
/// Whether a member may probe another provider's host: only on 587 or 465, and never at this network's own
/// addresses (loopback, private, link-local, multicast, unspecified, the portal's own), unless an operator allowed the host.
/// The addresses checked are the ones then connected to: no second lookup for a rebinding attack to exploit.
/// </summary>
public sealed class OtherProviderPolicy(IOptions<ProbeOptions> options, HostResolver? resolver = null)
{
    public static readonly IReadOnlyList<int> Ports = [587, 465];

    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
        // IPv6 forms that carry an IPv4 address (IPv4-compatible, SIIT IPv4-translated, NAT64, 6to4, Teredo) could reach a private one.
        IPNetwork.Parse("::/96"), IPNetwork.Parse("::ffff:0:0:0/96"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("2002::/16"), IPNetwork.Parse("2001::/32"),
    ];

    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    private readonly HostResolver _resolve = resolver ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));

    public bool Enabled => options.Value.OtherProviders.Enabled;

    /// <summary>The addresses to probe, or the text key of why not.</summary>
    public async Task<(IReadOnlyList<IPAddress>? Addresses, string? Refusal)> CheckAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (!Enabled) return (null, "Probe.Error.OtherProvidersOff");
        if (!Ports.Contains(port)) return (null, "Probe.Error.OtherPort");
        host = HostNames.Ascii(host.Trim().TrimEnd('.')).ToLowerInvariant();
        if (host.Length is 0 or > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown) return (null, "Probe.Error.OtherHost");

        IPAddress[] addresses;
        try
        {
            using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            lookup.CancelAfter(LookupTimeout);
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await _resolve(host, lookup.Token);
        }
        catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, "Probe.Error.OtherHostUnknown");
        }

        if (addresses.Length == 0) return (null, "Probe.Error.OtherHostUnknown");
        var allowed = options.Value.OtherProviders.AllowedHosts.Any(a => string.Equals(HostNames.Ascii(a.TrimEnd('.')), host, StringComparison.OrdinalIgnoreCase));
        if (!allowed && addresses.Any(IsOurs)) return (null, "Probe.Error.OtherHostRefused");
        return (addresses, null);
    }

    internal static bool IsOurs(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(a) || a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast)
            return true;
        if (Forbidden.Any(n => n.Contains(a))) return true;
        return LocalAddresses().Contains(a);
    }

    private static HashSet<IPAddress> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToHashSet();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
