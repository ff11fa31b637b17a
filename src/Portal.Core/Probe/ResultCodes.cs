using System.Text;

namespace Portal.Core.Probe;

/// <summary>
/// A result's code is read over the phone: Crockford's base 32 (no I, L, O or U, so no letter looks like a digit),
/// and what a member or agent types is read the way Crockford meant it: either case, full-width or half-width,
/// spaces and hyphens ignored, O read as 0 and I or L as 1.
/// </summary>
public static class ResultCodes
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const int Length = 10;

    /// <summary>The code as stored, or null when what was typed cannot be one.</summary>
    public static string? Read(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 64) return null;
        var code = new StringBuilder(Length);
        foreach (var ch in typed.Normalize(NormalizationForm.FormKC).ToUpperInvariant())
        {
            if (ch is ' ' or '-' or '\u30FC' or '\u2212') continue;
            var read = ch switch { 'O' => '0', 'I' or 'L' => '1', _ => ch };
            if (!Alphabet.Contains(read, StringComparison.Ordinal)) return null;
            code.Append(read);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>Two groups of five, as read aloud.</summary>
    public static string Spoken(string code) => code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;
}
