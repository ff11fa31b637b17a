namespace Portal.Core.Probe;

/// <summary>
/// What an SMTP reply code means for a member, by the step that met it. The basic code decides (RFC 5321 section 4.2);
/// its enhanced code (RFC 3463) is shown in the step's detail, never parsed: servers disagree on those, not on the class.
/// </summary>
/// <remarks>
/// A 4xx reply at any step is temporary: the server says "not now", the member's settings may well be right, and the
/// diagnosis is <see cref="Diagnosis.ServerBusy"/> ("try again later"), never a wrong password or sender.
/// </remarks>
public static class ReplyCodes
{
    public static bool IsTemporary(int code) => code is >= 400 and < 500;

    /// <summary>The final reply to AUTH (RFC 4954 section 6).</summary>
    public static string AtAuth(int code) => code switch
    {
        // 454 4.7.0 temporary authentication failure, 432 4.7.12 password transition needed, 421 closing.
        _ when IsTemporary(code) => Diagnosis.ServerBusy,
        // 534 5.7.9 mechanism too weak, 538 5.7.11 encryption required: the program must encrypt first.
        534 or 538 => Diagnosis.TlsFailed,
        // 504 5.5.4 mechanism not recognised.
        504 => Diagnosis.AuthNotOffered,
        // 500 and 502: the server does not know the command it said it offered; 501: it could not read our answer.
        500 or 501 or 502 => Diagnosis.ProtocolError,
        // 535 5.7.8 credentials invalid, 530 5.7.0 and 554 5.7.1 refusals: the account or password is not accepted.
        _ => Diagnosis.AuthFailed,
    };

    /// <summary>The reply to MAIL FROM or RCPT TO after signing in.</summary>
    public static string AtEnvelope(int code) => code switch
    {
        // 421, 450, 451, 452: mailbox busy, local error, out of storage.
        _ when IsTemporary(code) => Diagnosis.ServerBusy,
        // 500 and 502: MAIL and RCPT are not optional; a server that does not know them is not speaking SMTP.
        500 or 502 => Diagnosis.ProtocolError,
        // 550, 553 5.7.1 sender not owned by the account, 501 bad address syntax, 530/503 not signed in, 554, 555.
        _ => Diagnosis.SenderRejected,
    };
}
