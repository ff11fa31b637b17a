using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Core.CheckMail;

public enum TraceVerdict
{
    /// <summary>Submitted to the ISP's server on the submission port, authenticated, encrypted.</summary>
    AllSet,
    Port25,
    NoAuthentication,
    NoTls,
    CouldNotTell,
}

/// <summary>What the ISP's own Received hop says about how a member's program sent a message.</summary>
/// <param name="AuthenticatedUser">The account the sender signed in as, when our server wrote it down: who really sent it (the From line is the sender's word).</param>
public sealed record TraceAnalysis(
    TraceVerdict Verdict,
    bool? Authenticated,
    bool? Tls,
    int? Port,
    string PortSource,
    string? Program,
    IPAddress? ClientIp,
    bool? DynamicIp,
    string? Protocol,
    string Reason,
    string? AuthenticatedUser = null);

/// <summary>
/// Reads a test message's trace headers: the topmost run of Received hops added by the ISP's own servers is trusted,
/// and its lowest hop is where the member's program handed the message over. Anything below it was written by the
/// sender and is not believed. Pure: no I/O, and any input ends in an answer (at worst "could not tell").
/// </summary>
public sealed partial class TraceAnalyser(IOptions<CheckMailOptions> options, IOptions<IspOptions> isp, DemoMode demo)
{
    private static readonly int[] SubmissionPorts = [587, 465];

    /// <summary>Reads one raw message (RFC 5322); input that is not a message is "could not tell", never an exception.</summary>
    public async Task<TraceAnalysis> AnalyseAsync(Stream raw, CancellationToken cancellationToken)
    {
        try
        {
            // Only the headers matter: a message body is never parsed into memory beyond MimeKit's streaming.
            var message = await MimeMessage.LoadAsync(raw, cancellationToken);
            return Analyse(message);
        }
        catch (FormatException e)
        {
            return new TraceAnalysis(TraceVerdict.CouldNotTell, null, null, null, "none", null, null, null, null, $"not a mail message ({e.Message})");
        }
    }

    public TraceAnalysis Analyse(MimeMessage message) => Analyse(message.Headers);

    /// <summary>Only the header matters, so a mailbox reader need not fetch the body.</summary>
    public TraceAnalysis Analyse(HeaderList headers)
    {
        var messageId = Header(headers, "Message-ID");
        var program = MailProgramSniffer.GuideFor(Header(headers, "User-Agent"), Header(headers, "X-Mailer"), messageId?.Trim());
        var ours = OurHosts();
        var relays = Relays();
        ReceivedHop? entry = null;
        var entryIndex = -1;
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Id != HeaderId.Received) continue;
            // qmail notes its own hand-offs as "(qmail 123 invoked from network)": not a hop.
            if (QmailNote().IsMatch(headers[i].Value)) continue;
            var hop = ReceivedHop.Parse(headers[i].Value);
            // The top hop is trusted if one of our servers wrote it; a lower one only if the hop above got the message from
            // one of ours, by the address it recorded. Anything else was written by the sender, however it names itself.
            var trusted = hop?.By is not null && ours.Contains(hop.By) && (entry is null || CameFromOurs(entry, relays));
            if (!trusted) break;
            entry = hop;
            entryIndex = i;
        }

        if (entry is null)
            return new TraceAnalysis(TraceVerdict.CouldNotTell, null, null, null, "none", program, null, null, null,
                $"no Received header from {string.Join(", ", ours)} at the top of the message");

        var (port, portSource) = Port(headers, entry, entryIndex);
        var dynamicIp = entry.ClientIp is null ? (bool?)null : isp.Value.DynamicRangeOf(entry.ClientIp) is not null;
        var verdict = port is 25 ? TraceVerdict.Port25
            : !entry.Authenticated ? TraceVerdict.NoAuthentication
            : !entry.Tls ? TraceVerdict.NoTls
            : port is null || SubmissionPorts.Contains(port.Value) ? TraceVerdict.AllSet
            : TraceVerdict.CouldNotTell;
        var reason = verdict switch
        {
            TraceVerdict.AllSet when port is null => $"authenticated and encrypted ({entry.Protocol}); the port is not recorded",
            TraceVerdict.AllSet => $"authenticated and encrypted ({entry.Protocol}) on port {port}",
            TraceVerdict.Port25 => $"received on port 25 ({entry.Protocol})",
            TraceVerdict.NoAuthentication => $"received without authentication ({entry.Protocol ?? "no protocol keyword"})",
            TraceVerdict.NoTls => $"authenticated but not encrypted ({entry.Protocol})",
            _ => $"received on port {port}, which is not a submission port",
        };
        return new TraceAnalysis(verdict, entry.Authenticated, entry.Tls, port, portSource, program, entry.ClientIp, dynamicIp, entry.Protocol, reason, entry.AuthenticatedUser);
    }

    /// <summary>
    /// Whether the hop's sender was one of our servers: the client address it recorded is one of our relays, or it
    /// recorded none because the hand-off stayed inside one host (LMTP over a socket, local pickup). A hop over the
    /// network always records the address; HELO and reverse-DNS names never count, a sender picks them.
    /// </summary>
    private static bool CameFromOurs(ReceivedHop hop, IReadOnlyList<IPNetwork> relays) =>
        hop.ClientIp is { } ip ? relays.Any(r => r.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip))
            : hop.Protocol is "LMTP" or "LOCAL";

    // Validated at start-up (CheckMail:RelayNetworks).
    private IReadOnlyList<IPNetwork> Relays() => options.Value.EffectiveRelayNetworks.Select(n => IPNetwork.Parse(n.Trim())).ToList();

    private HashSet<string> OurHosts()
    {
        var configured = options.Value.OurHosts is { Length: > 0 } hosts ? hosts
            : demo.IsOn ? [DemoSubmissionServer.ServerName] : [isp.Value.Submission.Host];
        return configured.Select(h => h.Trim().TrimEnd('.').ToLowerInvariant()).Where(h => h.Length > 0).ToHashSet();
    }

    /// <summary>The header the demo server stamps with the port a message came in on (587 for STARTTLS, 465 for TLS from the start).</summary>
    public const string DemoPortHeader = "X-Demo-Submission-Port";

    private (int? Port, string Source) Port(HeaderList headers, ReceivedHop entry, int entryIndex)
    {
        // Only a port header above the entry hop was added by our server; one further down came with the message.
        var name = options.Value.PortHeader is { Length: > 0 } configured ? configured : demo.IsOn ? DemoPortHeader : null;
        var portHeader = name is not null
            ? headers.Take(entryIndex).FirstOrDefault(h => string.Equals(h.Field, name, StringComparison.OrdinalIgnoreCase))?.Value
            : null;
        if (portHeader is { Length: <= 256 } value && FirstNumber().Match(value) is { Success: true } m
            && int.TryParse(m.Value, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            return (port, "header");
        if (entry.By is not null && options.Value.PortByHost.TryGetValue(entry.By, out var inferred)) return (inferred, "inferred");
        return (null, "unknown");
    }

    // The topmost (most recent) value: what the ISP's server added last, not something the sender wrote further down.
    private static string? Header(HeaderList headers, string name)
    {
        var value = headers.FirstOrDefault(h => string.Equals(h.Field, name, StringComparison.OrdinalIgnoreCase))?.Value;
        return value is { Length: <= 1024 } ? value : null;
    }

    [GeneratedRegex(@"^\s*\(qmail [0-9]+ invoked ", RegexOptions.NonBacktracking)]
    private static partial Regex QmailNote();

    [GeneratedRegex(@"[0-9]{1,5}", RegexOptions.NonBacktracking)]
    private static partial Regex FirstNumber();
}
