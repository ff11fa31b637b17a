using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Core.Guides;

/// <summary>
/// Finds the error a member pasted or typed: the whole dialog text, a fragment of it, or only its code
/// ("0x800CCC78", "800ccc78", "535"). Widths, case and spacing do not matter (NFKC, as Japanese text is often typed with
/// full-width letters); parts of a message that vary on the member's screen (their address, the subject) are skipped.
/// </summary>
public static partial class ErrorSearch
{
    // A fragment shorter than this matches too much to help.
    private const int MinimumFragment = 4;

    public static IReadOnlyList<ErrorAnswer> Find(IReadOnlyList<ErrorAnswer> answers, string? pasted, GuideValues values)
    {
        if (string.IsNullOrWhiteSpace(pasted)) return [];
        var query = Normal(pasted);
        var codes = Codes().Matches(query).Select(m => Code(m.Value)).ToHashSet(StringComparer.Ordinal);
        // "550 / 553 / 554" and "530 5.7.0": each basic code an entry is written with.
        var byCode = answers.Where(a => a.Code is not null
                                        && a.Code.Split('/').Select(part => Code(part.Trim().Split(' ')[0])).Any(codes.Contains));
        var byText = answers.Where(a => TextMatches(Normal(GuideText.Resolve(a.Message, values)), query));
        return byCode.Concat(byText).Distinct().ToList();
    }

    /// <summary>The pasted text is part of the message, or the message's fixed parts are all in the pasted text.</summary>
    private static bool TextMatches(string message, string query)
    {
        if (query.Length >= MinimumFragment && message.Contains(query, StringComparison.Ordinal)) return true;
        var parts = Variable().Split(message).Select(p => p.Trim()).Where(p => p.Length >= MinimumFragment).ToList();
        return parts.Count > 0 && parts.All(p => query.Contains(p, StringComparison.Ordinal));
    }

    private static string Normal(string text) =>
        Spaces().Replace(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant(), " ").Trim();

    /// <summary>A code as compared: lower case, without 0x.</summary>
    private static string Code(string code)
    {
        var c = code.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        return c.StartsWith("0x", StringComparison.Ordinal) ? c[2..] : c;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // Outlook Express style codes (0x800CCC78, or typed without 0x) and SMTP reply codes (530, 5.7.8 is skipped).
    [GeneratedRegex(@"(?<![0-9a-z.])(?:0x)?[0-9a-f]{8}(?![0-9a-z])|(?<![0-9a-z.])[45][0-9]{2}(?![0-9a-z.])")]
    private static partial Regex Codes();

    // What varies on the member's screen: quoted values ('…', '...', <...>), and the ellipses written for them.
    [GeneratedRegex(@"'[^']*'|<[^>]*>|""[^""]*""|…|\.\.\.")]
    private static partial Regex Variable();
}
