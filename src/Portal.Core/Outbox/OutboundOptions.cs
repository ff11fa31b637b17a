using Portal.Core.Configuration;

namespace Portal.Core.Outbox;

/// <summary>The relay the portal sends members' mail through (support links, campaigns), bound from "Outbound".</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>
    /// The relay's host. Empty means "not configured": nothing is sent (rows stay queued), except in demo mode, where the
    /// built-in demo submission server is used with the demo account.
    /// </summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public ConnectionSecurity Security { get; set; } = ConnectionSecurity.StartTls;

    /// <summary>The relay account's user name; unset: the relay takes mail without AUTH (e.g. it trusts the portal's address).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The From address of every message (and the envelope sender). Required with a host.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The From display name; unset: the ISP's Japanese name (Isp:Name:Ja).</summary>
    public string? FromName { get; set; }

    /// <summary>A PEM file of extra certificates to trust for the relay (an internal CA).</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>The most messages one node sends per minute (each node counts its own).</summary>
    public int MessagesPerMinute { get; set; } = 120;

    /// <summary>Attempts before a message that keeps being deferred (4xx, relay unreachable) is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first deferral; it doubles with each attempt, up to an hour.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>The most messages one node claims at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed batch belongs to its node; a node that dies leaves its batch to others after this.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>
    /// Days after which a sent or failed message loses its address, subject and text; 0 keeps them for ever. The row
    /// stays (its dedup key, kind and dates); queued mail is never touched.
    /// </summary>
    public int EraseAfterDays { get; set; } = 400;
}
