using System.Net;

namespace Portal.Core.Evidence;

/// <summary>
/// One message (or one failed sign-in) as the mail server logged it: when, how it came in, and who it points to.
/// </summary>
/// <param name="Time">When smtpd took the message (its queue-id line) or refused the sign-in.</param>
/// <param name="Who">The SASL user name, else the envelope sender; null when a failed sign-in logged no name.</param>
/// <param name="IdentifiedBy">How strong <paramref name="Who"/> is: a login is proof, a sender address is only a claim.</param>
/// <param name="Sender">The envelope sender from qmgr (empty for bounces); null when none was logged.</param>
/// <param name="ClientIp">The member's address as smtpd logged it; null when it was not an address ("unknown").</param>
/// <param name="Service">The syslog name of the smtpd that took it, e.g. <c>postfix</c> (port 25) or <c>postfix/submission</c>.</param>
/// <param name="Tls">smtpd logged a TLS handshake on this connection before the message (false also when the log did not say).</param>
/// <param name="Host">The mail server's host name as the log line names it.</param>
/// <param name="QueueId">Postfix's queue id; null for a failed sign-in.</param>
public sealed record MailEvidence(
    DateTimeOffset Time,
    EvidenceKind Kind,
    string? Who,
    EvidenceIdentity IdentifiedBy,
    string? Sender,
    IPAddress? ClientIp,
    string Service,
    bool Tls,
    string Host,
    string? QueueId);

/// <summary>Where <see cref="MailEvidence.Who"/> came from.</summary>
public enum EvidenceIdentity
{
    /// <summary>Nothing names anyone (a failed sign-in with no name logged).</summary>
    None,

    /// <summary>The SASL user name on smtpd's own queue-id line: the server checked the password.</summary>
    Login,

    /// <summary>The envelope sender only: weaker evidence, anyone can write any sender address.</summary>
    SenderAddress,

    /// <summary>The user name a failed sign-in tried: what the program sent, not who it is.</summary>
    AttemptedLogin,
}
