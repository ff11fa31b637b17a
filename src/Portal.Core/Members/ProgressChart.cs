using System.Globalization;
using System.Net;
using System.Text;

namespace Portal.Core.Members;

/// <summary>
/// Members moved over time as an inline SVG line (no script, no library): cumulative count per day, the total as the
/// top line, and the block date marked when it falls in the range. The page shows the same figures as a table too.
/// </summary>
public static class ProgressChart
{
    private const int Width = 720, Height = 260, Left = 56, Right = 16, Top = 16, Bottom = 36;

    public static string Render(IReadOnlyList<MovedOnDay> perDay, int members, DateOnly today, DateOnly deadline, string title, string deadlineLabel)
    {
        var first = perDay.Count > 0 ? perDay[0].Day : today.AddDays(-30);
        var last = today > first ? today : first.AddDays(1);
        var days = Math.Max(1, last.DayNumber - first.DayNumber);
        var top = Math.Max(1, members);
        double X(DateOnly day) => Left + (double)(day.DayNumber - first.DayNumber) / days * (Width - Left - Right);
        double Y(int count) => Height - Bottom - (double)count / top * (Height - Top - Bottom);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var points = new StringBuilder($"{N(X(first))},{N(Y(0))}");
        var running = 0;
        foreach (var day in perDay)
        {
            points.Append(CultureInfo.InvariantCulture, $" {N(X(day.Day))},{N(Y(running))}");
            running += day.Moved;
            points.Append(CultureInfo.InvariantCulture, $" {N(X(day.Day))},{N(Y(running))}");
        }

        points.Append(CultureInfo.InvariantCulture, $" {N(X(last))},{N(Y(running))}");
        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"chart-title\" class=\"progress-chart\" id=\"progress-chart\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">{WebUtility.HtmlEncode(title)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{N(Y(0))}\" x2=\"{Width - Right}\" y2=\"{N(Y(0))}\" stroke=\"#555\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{N(Y(top))}\" x2=\"{Width - Right}\" y2=\"{N(Y(top))}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(top) + 4)}\" text-anchor=\"end\" font-size=\"12\">{members}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(0) + 4)}\" text-anchor=\"end\" font-size=\"12\">0</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 10}\" font-size=\"12\">{first:yyyy-MM-dd}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 10}\" text-anchor=\"end\" font-size=\"12\">{last:yyyy-MM-dd}</text>");
        if (deadline >= first && deadline <= last)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(X(deadline))}\" y1=\"{Top}\" x2=\"{N(X(deadline))}\" y2=\"{N(Y(0))}\" stroke=\"#b3261e\" stroke-width=\"2\" id=\"chart-deadline\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(deadline) + 4)}\" y=\"{Top + 12}\" font-size=\"12\" fill=\"#b3261e\">{WebUtility.HtmlEncode(deadlineLabel)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"#1b6b35\" stroke-width=\"3\" id=\"chart-moved\"/>")
            .Append("</svg>");
        return svg.ToString();
    }
}
