using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Core.CheckMail;

/// <summary>The one-time code a member puts in their test message's subject: six characters nobody misreads or mistypes.</summary>
public static partial class CheckCode
{
    // No 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V: pairs members confuse when reading a screen or typing on a phone.
    public const string Alphabet = "ACDEFGHJKMNPQRTWXY34679";

    public const int Length = 6;

    public static string New() => string.Create(Length, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>As shown to members: two groups of three.</summary>
    public static string Display(string code) => $"{code[..3]}-{code[3..]}";

    /// <summary>
    /// The codes a subject may hold, upper-cased, at most a few: any case, with or without the hyphen, and typed in
    /// full-width characters (a Japanese input method's default) too.
    /// </summary>
    public static IReadOnlyList<string> FindIn(string? subject)
    {
        if (string.IsNullOrEmpty(subject)) return [];
        var text = subject.Length > 998 ? subject[..998] : subject;
        text = text.Normalize(NormalizationForm.FormKC).Replace('\u2010', '-').Replace('\u2212', '-').Replace('\u30FC', '-');
        return Candidate().Matches(text).Select(m => (m.Groups[1].Value + m.Groups[2].Value).ToUpperInvariant()).Distinct().Take(5).ToList();
    }

    [GeneratedRegex("(?<![0-9A-Za-z])([ACDEFGHJKMNPQRTWXY34679]{3})-?([ACDEFGHJKMNPQRTWXY34679]{3})(?![0-9A-Za-z])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Candidate();
}
