namespace Portal.Core.Guides;

/// <summary>Which platform the browser says it runs on, to suggest that group of programs first.</summary>
public static class PlatformHint
{
    public static string? From(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return null;
        // Order matters: iPhone and Android user agents also mention Mac OS X and Linux.
        if (userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal)) return "ios";
        if (userAgent.Contains("Android", StringComparison.Ordinal)) return "android";
        if (userAgent.Contains("Windows", StringComparison.Ordinal)) return "windows";
        if (userAgent.Contains("Macintosh", StringComparison.Ordinal) || userAgent.Contains("Mac OS X", StringComparison.Ordinal)) return "mac";
        return null;
    }
}
