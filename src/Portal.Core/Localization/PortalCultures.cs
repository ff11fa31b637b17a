using System.Globalization;

namespace Portal.Core.Localization;

/// <summary>The portal speaks Japanese first and English second.</summary>
public static class PortalCultures
{
    public const string Default = "ja";
    public static readonly IReadOnlyList<string> All = ["ja", "en"];

    /// <summary>"ja" or "en" for the request being served.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture);
}
