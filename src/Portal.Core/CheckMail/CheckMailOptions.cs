using Portal.Core.Configuration;

namespace Portal.Core.CheckMail;

/// <summary>"Check my mail program": the address members write to, the mailbox it lands in, and how to read the trace, bound from "CheckMail".</summary>
public sealed class CheckMailOptions
{
    public const string Section = "CheckMail";

    /// <summary>Where members send their test message. Unset: the check is off (in demo mode, check@ the demo account's domain).</summary>
    public string? Address { get; set; }

    /// <summary>How long a one-time code is valid.</summary>
    public int CodeMinutes { get; set; } = 30;

    /// <summary>Codes one client IP may ask for per hour (each is a database row).</summary>
    public int CodesPerClientIpPerHour { get; set; } = 30;

    /// <summary>The ISP's own mail servers, as they name themselves in the "by" clause of Received. Empty: the submission host.</summary>
    public string[]? OurHosts { get; set; }

    /// <summary>
    /// The addresses or networks (CIDR) of the ISP's own servers as they connect to each other. A Received hop below one
    /// of ours is believed only when our hop recorded the connection coming from one of these: the HELO and reverse-DNS
    /// names in a hop are the sender's to choose, the address is not. Unset: loopback only (a filter on the same host).
    /// (A default array would be appended to, not replaced, by the binder: hence the nullable and its effective value.)
    /// </summary>
    public string[]? RelayNetworks { get; set; }

    public IReadOnlyList<string> EffectiveRelayNetworks => RelayNetworks ?? ["127.0.0.0/8", "::1/128"];

    /// <summary>A header the ISP's submission listener adds with the port it received on (e.g. a Postfix PREPEND); the first number in it is the port.</summary>
    public string? PortHeader { get; set; }

    /// <summary>Where no port header exists: the port of the listener each "by" host name belongs to.</summary>
    public Dictionary<string, int> PortByHost { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The mailbox the check address delivers to. No host: nothing is read (demo mode needs none).</summary>
    public CheckMailbox Imap { get; set; } = new();
}

public sealed class CheckMailbox
{
    public string? Host { get; set; }

    /// <summary>0: 993 for SslOnConnect, 143 otherwise.</summary>
    public int Port { get; set; }

    public ConnectionSecurity Security { get; set; } = ConnectionSecurity.SslOnConnect;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>Processed messages are moved here; unset: they are deleted.</summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>A PEM file of extra certificates to trust for the IMAP server (an internal CA).</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>
    /// Wait for new mail with IDLE when the server offers it. Turn off where something between the portal and the server
    /// (a firewall, a load balancer) cuts quiet connections: the folder is then looked at every <see cref="PollSeconds"/>.
    /// </summary>
    public bool Idle { get; set; } = true;

    /// <summary>How often the mailbox is looked at without IDLE.</summary>
    public int PollSeconds { get; set; } = 2;

    /// <summary>The longest wait between reconnection attempts (the wait doubles from one second).</summary>
    public int MaxReconnectSeconds { get; set; } = 60;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port > 0 ? Port : Security == ConnectionSecurity.SslOnConnect ? 993 : 143;
}
