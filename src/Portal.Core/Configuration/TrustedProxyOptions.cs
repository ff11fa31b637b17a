using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Portal.Core.Configuration;

/// <summary>
/// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the portal believes, bound from "ForwardedHeaders".
/// The per-IP limits and the IP checker key on the client address: a header believed from anyone who can reach the
/// port would let a client claim any address. With none listed, the headers are ignored.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses (IPv4 or IPv6), e.g. 127.0.0.1 for nginx on the same host.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. 10.0.0.0/24 for a load balancer pool.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Count + KnownNetworks.Count > 0;

    public IEnumerable<IPAddress> Proxies() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<IPNetwork> Networks() => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));
}

internal sealed class TrustedProxyOptionsValidator(IConfiguration configuration) : IValidateOptions<TrustedProxyOptions>
{
    // ASP.NET Core's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) believes the headers from every sender.
    private const string FrameworkSwitch = "FORWARDEDHEADERS_ENABLED";

    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions o)
    {
        var p = new Problems();
        for (var i = 0; i < o.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(o.KnownProxies[i]?.Trim(), out _))
                p.Add($"ForwardedHeaders:KnownProxies:{i}", $"'{o.KnownProxies[i]}' is not an IP address");
        }

        p.Networks("ForwardedHeaders:KnownNetworks", o.KnownNetworks);

        var frameworkSwitch = configuration[FrameworkSwitch] ?? Environment.GetEnvironmentVariable("ASPNETCORE_" + FrameworkSwitch);
        if (bool.TryParse(frameworkSwitch, out var on) && on)
        {
            p.Add("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "believes X-Forwarded-For from anyone who can reach the port, so a client could claim any " +
                "address and step around the per-IP limits. Unset it and list the proxy under ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks");
        }

        return p.Result();
    }
}
