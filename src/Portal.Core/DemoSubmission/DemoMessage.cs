namespace Portal.Core.DemoSubmission;

/// <summary>A message accepted by the demo submission server.</summary>
/// <param name="EnvelopeFrom">MAIL FROM address; empty for the null reverse-path "&lt;&gt;".</param>
/// <param name="Recipients">RCPT TO addresses in the order given.</param>
/// <param name="AuthenticatedUser">The user name exactly as the client sent it in AUTH (full address or local part).</param>
/// <param name="IsTls">Whether the session was TLS-protected when the message was sent.</param>
/// <param name="RawMessage">The message as received after DATA, with dot-stuffing removed.</param>
/// <param name="Helo">The name the client gave in EHLO or HELO.</param>
/// <param name="ClientIp">The client's address.</param>
/// <param name="ImplicitTls">Whether it came in on the TLS-from-the-start listener (the port-465 stand-in).</param>
public sealed record DemoMessage(
    string EnvelopeFrom,
    IReadOnlyList<string> Recipients,
    string AuthenticatedUser,
    bool IsTls,
    ReadOnlyMemory<byte> RawMessage,
    string? Helo = null,
    System.Net.IPAddress? ClientIp = null,
    bool ImplicitTls = false);
