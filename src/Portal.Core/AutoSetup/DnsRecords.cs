using System.Globalization;
using Portal.Core.Configuration;

namespace Portal.Core.AutoSetup;

/// <summary>One record for the operators to publish, in zone-file words; <see cref="Purpose"/> names the text that explains it.</summary>
public sealed record DnsRecord(string Name, string Type, string Value, string Purpose)
{
    public string ZoneLine => $"{Name} IN {Type} {Value}";
}

/// <summary>
/// The DNS records that let mail programs set themselves up from the address alone, made from the configuration:
/// RFC 6186 SRV records (with RFC 8314's _submissions), "." for every service the ISP does not offer so programs do
/// not try it, and the autoconfig / Autodiscover names pointing at the portal.
/// </summary>
public static class DnsRecords
{
    /// <summary>Lower is preferred (RFC 2782), also across imap/imaps/pop3/pop3s and submission/submissions (RFC 6186 3.4):
    /// the server members are told to use comes first.</summary>
    private const int Preferred = 0;
    private const int Alternative = 10;

    public static IReadOnlyList<DnsRecord> For(MemberMailSettings settings, string portalHost)
    {
        var domain = settings.Domain.TrimEnd('.').ToLowerInvariant() + ".";
        var offered = new List<(string Service, MailServer Server, int Priority)>
        {
            (settings.Outgoing.Security == ConnectionSecurity.SslOnConnect ? "submissions" : "submission", settings.Outgoing, Preferred),
        };
        if (settings.ImplicitTls is { } implicitTls && !SameServer(implicitTls, settings.Outgoing))
            offered.Add(("submissions", implicitTls, Alternative));
        var incoming = settings.Incoming;
        var incomingService = (incoming.Protocol, incoming.Security == ConnectionSecurity.SslOnConnect) switch
        {
            (IncomingProtocol.Imap, true) => "imaps",
            (IncomingProtocol.Imap, false) => "imap",
            (_, true) => "pop3s",
            _ => "pop3",
        };
        offered.Add((incomingService, incoming, Preferred));

        var records = new List<DnsRecord>();
        foreach (var service in new[] { "submission", "submissions", "imap", "imaps", "pop3", "pop3s" })
        {
            var servers = offered.Where(o => o.Service == service).ToList();
            // RFC 6186 section 4: a target of "." says the service is not offered at all.
            if (servers.Count == 0) records.Add(new DnsRecord($"_{service}._tcp.{domain}", "SRV", "0 0 0 .", "NotOffered"));
            records.AddRange(servers.Select(s => new DnsRecord($"_{service}._tcp.{domain}", "SRV",
                string.Create(CultureInfo.InvariantCulture, $"{s.Priority} 1 {s.Server.Port} {Absolute(s.Server.Host)}"), Purpose(service))));
        }

        var portal = Absolute(portalHost);
        records.Add(new DnsRecord($"autoconfig.{domain}", "CNAME", portal, "Autoconfig"));
        records.Add(new DnsRecord($"autodiscover.{domain}", "CNAME", portal, "Autodiscover"));
        records.Add(new DnsRecord($"_autodiscover._tcp.{domain}", "SRV", $"0 0 443 {portal}", "AutodiscoverSrv"));
        return records;
    }

    private static string Purpose(string service) => string.Concat(char.ToUpperInvariant(service[0]), service[1..]);

    private static bool SameServer(MailServer a, MailServer b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static string Absolute(string host) => host.TrimEnd('.').ToLowerInvariant() + ".";
}
