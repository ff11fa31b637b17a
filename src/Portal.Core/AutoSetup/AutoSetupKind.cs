namespace Portal.Core.AutoSetup;

/// <summary>The one-click set-ups a guide may offer with its <c>autoSetup:</c> key, before its manual steps.</summary>
public static class AutoSetupKind
{
    /// <summary>Thunderbird reads the autoconfig document when an account is added.</summary>
    public const string ThunderbirdAutoconfig = "thunderbird-autoconfig";

    /// <summary>Outlook posts to Autodiscover when an account is added.</summary>
    public const string OutlookAutodiscover = "outlook-autodiscover";

    /// <summary>iPhone, iPad and Mac install a settings profile downloaded from the portal.</summary>
    public const string AppleProfile = "apple-profile";

    public static readonly IReadOnlyList<string> All = [ThunderbirdAutoconfig, OutlookAutodiscover, AppleProfile];

    /// <summary>The UI text that explains a kind in the guide's box: AutoSetup.Box.ThunderbirdAutoconfig and so on.</summary>
    public static string BoxTextKey(string kind) =>
        "AutoSetup.Box." + string.Concat(kind.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}
