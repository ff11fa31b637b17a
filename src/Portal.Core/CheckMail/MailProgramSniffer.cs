using System.Text.RegularExpressions;

namespace Portal.Core.CheckMail;

/// <summary>Which mail program wrote a message, from its User-Agent or X-Mailer header: a guide id, or null when unknown.</summary>
public static partial class MailProgramSniffer
{
    private static readonly (Regex Pattern, string Guide)[] Programs =
    [
        (OutlookExpress6(), "outlook-express-6"),
        (WindowsMail(), "windows-mail"),
        (Becky2(), "becky-2"),
        (Netscape7Mac(), "netscape-7-mac"),
        (Netscape7(), "netscape-7-windows"),
        (Thunderbird(), "thunderbird"),
        (Outlook(), "outlook-classic"),
        (IPhone(), "iphone-mail"),
        (AppleMail13(), "mac-mail-1-3"),
        (AppleMail(), "apple-mail"),
    ];

    public static string? GuideFor(string? userAgent, string? xMailer, string? messageId = null)
    {
        foreach (var text in new[] { xMailer, userAgent })
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > 1024) continue;
            foreach (var (pattern, guide) in Programs)
                if (pattern.IsMatch(text)) return guide;
        }

        // The Gmail app writes no X-Mailer; its Message-IDs end in @mail.gmail.com.
        return messageId?.EndsWith("@mail.gmail.com>", StringComparison.OrdinalIgnoreCase) == true || messageId?.EndsWith("@mail.gmail.com", StringComparison.OrdinalIgnoreCase) == true
            ? "gmail-android"
            : null;
    }

    [GeneratedRegex(@"Microsoft Outlook Express 6\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OutlookExpress6();

    [GeneratedRegex(@"Microsoft Windows Mail 6\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WindowsMail();

    [GeneratedRegex(@"Becky! ver\. 2\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Becky2();

    [GeneratedRegex(@"Macintosh.*Netscape/7\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Netscape7Mac();

    [GeneratedRegex(@"Netscape/7\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Netscape7();

    [GeneratedRegex(@"Thunderbird", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Thunderbird();

    [GeneratedRegex(@"Microsoft Outlook 1[0-9]\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Outlook();

    [GeneratedRegex(@"^iPhone Mail|^iPad Mail", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex IPhone();

    // Mail 1.3 (Mac OS X 10.3) wrote "Apple Mail (2.6xx)"; today's versions write 2.3xxx and higher.
    [GeneratedRegex(@"^Apple Mail \(2\.6[0-9][0-9](\.[0-9]+)?\)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AppleMail13();

    [GeneratedRegex(@"^Apple Mail \(", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AppleMail();
}
