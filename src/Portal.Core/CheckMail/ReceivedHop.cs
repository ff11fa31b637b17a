using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Core.CheckMail;

/// <summary>One Received header taken apart: who handed the message over, who took it, how (RFC 5321 section 4.4, RFC 3848 keywords).</summary>
/// <remarks>Every pattern runs without backtracking: a hostile header cannot make matching slow.</remarks>
/// <param name="AuthenticatedUser">The account the client signed in as, when the MTA wrote it (Postfix "Authenticated sender: x", Sendmail "authenticated as x").</param>
public sealed partial record ReceivedHop(
    string? By, IPAddress? ClientIp, string? Protocol, bool Authenticated, bool Tls, string? TlsDetail, string? AuthenticatedUser = null)
{
    // A Received header longer than this is not something an MTA wrote.
    private const int MaxLength = 4096;

    // The longest RFC 3848 keyword is UTF8SMTPSA (RFC 6531); a longer "with" word is no protocol we know, and is not stored.
    internal const int MaxProtocolLength = 16;

    /// <summary>Reads one Received header value; null when it is not one an MTA could have written.</summary>
    public static ReceivedHop? Parse(string value)
    {
        if (value.Length > MaxLength) return null;
        var text = Whitespace().Replace(value, " ").Trim();
        var byMatch = ByClause().Match(text);
        var by = byMatch.Success ? byMatch.Groups[1].Value.TrimEnd('.').ToLowerInvariant() : null;
        // The protocol is the "with" after "by": Postfix's "(using TLSv1.3 with cipher ...)" comes before it.
        var after = byMatch.Success ? text[(byMatch.Index + byMatch.Length)..] : text;
        var protocol = WithClause().Match(after) is { Success: true, Groups: [_, { Length: <= MaxProtocolLength } keyword] } ? keyword.Value.ToUpperInvariant() : null;
        var ip = ClientAddress(text);

        var keywordAuth = protocol is not null && KeywordAuth().IsMatch(protocol);
        var keywordTls = protocol is not null && KeywordTls().IsMatch(protocol);
        var remarkAuth = AuthRemark().IsMatch(text) || QmailAuth().IsMatch(text);
        var tlsDetail = TlsRemark().Match(text) is { Success: true } t ? t.Value.Trim('(', ')', ' ') : null;
        var exchange = text.Contains("with Microsoft SMTP Server", StringComparison.OrdinalIgnoreCase);
        // Exchange writes "with Microsoft SMTP Server": plain SMTP as far as RFC 3848 goes.
        if (exchange) protocol = "SMTP";
        var user = AuthUser().Match(text) is { Success: true } u ? u.Groups[1].Value : null;
        return new ReceivedHop(by, ip, protocol, keywordAuth || remarkAuth, keywordTls || tlsDetail is not null, tlsDetail, user);
    }

    private static IPAddress? ClientAddress(string text)
    {
        var from = FromPart().Match(text);
        var scope = from.Success ? from.Value : text;

        // The address the receiving MTA saw is in a comment: Postfix and Sendmail "(name [192.0.2.10])". A bracket
        // right after "from", or in Exim's "(helo=[...])", is only what the client claimed, unless nothing better is there.
        foreach (Match comment in Comment().Matches(scope))
        {
            if (comment.Value.StartsWith("(helo", StringComparison.OrdinalIgnoreCase)) continue;
            if (Bracketed().Match(comment.Value) is { Success: true } inside && Address(inside.Groups[1].Value) is { } seen) return seen;
        }

        // Exim "from [192.0.2.10] (helo=...)" puts the real address first; qmail "(user@192.0.2.10)" and Exchange "(192.0.2.10)" in a comment.
        foreach (Match m in Bracketed().Matches(scope))
            if (Address(m.Groups[1].Value) is { } first) return first;

        foreach (Match m in Parenthesised().Matches(scope))
        {
            var candidate = m.Groups[1].Value;
            var at = candidate.LastIndexOf('@');
            if (at >= 0) candidate = candidate[(at + 1)..];
            if ((candidate.Contains('.', StringComparison.Ordinal) || candidate.Contains(':', StringComparison.Ordinal)) && Address(candidate) is { } address) return address;
        }

        return null;
    }

    private static IPAddress? Address(string text)
    {
        if (text.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)) text = text[5..];
        return IPAddress.TryParse(text, out var address) ? address : null;
    }

    [GeneratedRegex(@"\([^()]*\)", RegexOptions.NonBacktracking)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\bby\s+([A-Za-z0-9][A-Za-z0-9.\-]*)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ByClause();

    [GeneratedRegex(@"\bwith\s+([A-Za-z0-9]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WithClause();

    [GeneratedRegex(@"^from\s.*?\sby\s", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex FromPart();

    [GeneratedRegex(@"\[([0-9A-Fa-f:.IPv]+)\]", RegexOptions.NonBacktracking)]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\(([^()\s]+)\)", RegexOptions.NonBacktracking)]
    private static partial Regex Parenthesised();

    // RFC 3848 and RFC 6531: ESMTPA, ESMTPSA, LMTPA, LMTPSA, UTF8SMTPA, UTF8SMTPSA, UTF8LMTPA...
    [GeneratedRegex(@"^(E?SMTP|LMTP|UTF8SMTP|UTF8LMTP)S?A$", RegexOptions.NonBacktracking)]
    private static partial Regex KeywordAuth();

    [GeneratedRegex(@"^(ESMTP|LMTP|UTF8SMTP|UTF8LMTP)SA?$", RegexOptions.NonBacktracking)]
    private static partial Regex KeywordTls();

    // Postfix "(Authenticated sender: x)", Sendmail "(authenticated bits=0)" or "(authenticated as x)".
    [GeneratedRegex(@"\((Authenticated sender:[^)]*|authenticated bits=\d+|authenticated as [^)]*|authenticated user [^)]*)\)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AuthRemark();

    [GeneratedRegex(@"\((?:Authenticated sender: ?|authenticated as |authenticated user )([^()\s]{1,320})\)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AuthUser();

    // qmail with the SMTP-AUTH patch: "(user@192.0.2.10)" after the HELO comment.
    [GeneratedRegex(@"\(HELO [^)]*\)\s+\([^()\s@]+@[^()\s@]+@[0-9A-Fa-f:.]+\)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex QmailAuth();

    // Postfix "(using TLSv1.3 with cipher ...)", Sendmail "(version=TLSv1.2 cipher=...)", Exchange "(version=TLS1_2, cipher=...)", Exim "(TLS1.3) tls ..." or "(TLS1.2:ECDHE...:256)".
    [GeneratedRegex(@"\((using TLS[^)]*|version=TLS[^)]*|TLS1[._][0-9][^)]*)\)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex TlsRemark();
}
