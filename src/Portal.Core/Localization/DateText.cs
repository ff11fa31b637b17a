using System.Globalization;

namespace Portal.Core.Localization;

/// <summary>Dates as each language writes them: 2006年6月1日 / 1 June 2006.</summary>
public static class DateText
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Long(DateOnly date, string language) => language == "en"
        ? date.ToString("d MMMM yyyy", English)
        : date.ToString("yyyy年M月d日", Japanese);

    public static string Long(DateOnly date) => Long(date, PortalCultures.Current);

    /// <summary>The clock time of an instant in the ISP's time zone (the one members live in), e.g. 14:05.</summary>
    public static string Time(DateTimeOffset at, string timeZoneId, string format = "HH:mm") =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Machine-readable form for &lt;time datetime&gt;.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
