using System.Globalization;
using System.Text;
using Portal.Core.Configuration;

namespace Portal.Core.Guides;

/// <summary>
/// Draws a guide picture as SVG: the program's window or screen as the member sees it, the controls to change
/// highlighted with numbered callouts. Only presentation attributes are used (the site's CSP forbids inline styles).
/// </summary>
public static class DialogPicture
{
    private const int Width = 600;
    private const int Pad = 18;
    private const int CalloutSpace = 40;
    private const string Accent = "#c5221f";
    private const string Font = "'Noto Sans JP', 'Hiragino Sans', Meiryo, 'Segoe UI', sans-serif";

    private sealed record Frame(int TitleHeight, string Background, string TitleFill, string TitleText, bool TitleCentered, bool Phone, int Corner);

    private static Frame For(string chrome) => chrome switch
    {
        "windows-xp" => new(30, "#ece9d8", "url(#title)", "#ffffff", false, false, 8),
        "windows-vista" => new(30, "#f0f0f0", "#bcd2ee", "#1b1f24", false, false, 6),
        "windows-11" => new(32, "#f3f3f3", "#ffffff", "#1b1f24", false, false, 8),
        "mac-aqua" => new(24, "#ececec", "url(#title)", "#1b1f24", true, false, 6),
        "mac-modern" => new(30, "#f5f5f7", "#e8e8ea", "#1b1f24", true, false, 10),
        "ios" => new(64, "#f2f2f7", "#f2f2f7", "#000000", true, true, 28),
        "android" => new(60, "#ffffff", "#ffffff", "#1f1f1f", false, true, 24),
        _ => new(28, "#ffffff", "#e9edf2", "#1b1f24", false, false, 6),
    };

    public static string Render(Picture picture, string chrome, GuideValues values, string id)
    {
        var frame = For(chrome);
        var gradient = frame.TitleFill == "url(#title)";
        // Several pictures share a page: the title-bar gradient gets an id of its own.
        if (gradient) frame = frame with { TitleFill = $"url(#{id}-bar)" };
        var controls = picture.Controls.Where(c => values.Applies(c.When)).ToList();
        var body = new StringBuilder();
        var y = frame.TitleHeight + (picture.Tabs is null ? 14 : 44);
        var described = new List<string>();

        foreach (var row in Rows(controls, frame.Phone))
        {
            var height = row.Max(Height);
            foreach (var (control, slot) in row.Zip(Slots(row, values)))
            {
                Control(body, control, frame, values, y, height, slot);
                if (control.Callout is { } number)
                    described.Add($"{number}: {GuideText.Resolve(control.Label, values)}{(control.Value is null ? "" : $" {GuideText.Resolve(control.Value, values)}")}");
            }

            y += height;
        }

        var total = y + 14;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {total}\" width=\"{Width}\" height=\"{total}\" class=\"dialog-picture\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{Font}\" font-size=\"14\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(GuideText.Resolve(picture.Title, values))}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{E(string.Join("; ", described))}</desc>");
        if (gradient)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<defs><linearGradient id=\"{id}-bar\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">")
                .Append(chrome == "windows-xp"
                    ? "<stop offset=\"0\" stop-color=\"#3a80f3\"/><stop offset=\"1\" stop-color=\"#0a4fd0\"/>"
                    : "<stop offset=\"0\" stop-color=\"#f4f4f4\"/><stop offset=\"1\" stop-color=\"#cfcfcf\"/>")
                .Append("</linearGradient></defs>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"1\" y=\"1\" width=\"{Width - 2}\" height=\"{total - 2}\" rx=\"{frame.Corner}\" fill=\"{frame.Background}\" stroke=\"#8a8f98\"/>");
        TitleBar(svg, picture, chrome, frame, values);
        if (picture.Tabs is { } tabs) Tabs(svg, tabs, picture.Active ?? 0, frame);
        svg.Append(body).Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Where a control is drawn across the picture; a compact slot is one of several on a row.</summary>
    private readonly record struct Slot(int Left, int Right, int CalloutX, bool Compact);

    /// <summary>A control and those marked beside it share a row; phones stack everything, as they do.</summary>
    private static IEnumerable<List<PictureControl>> Rows(List<PictureControl> controls, bool phone)
    {
        List<PictureControl>? row = null;
        foreach (var control in controls)
        {
            if (row is null || !control.Beside || phone)
            {
                if (row is not null) yield return row;
                row = [];
            }

            row.Add(control);
        }

        if (row is not null) yield return row;
    }

    private const int RowGap = 16;
    private const int InlineCallout = 34;

    private static IEnumerable<Slot> Slots(List<PictureControl> row, GuideValues values)
    {
        var left = Pad + 8 + 20 * row[0].Indent;
        if (row.Count == 1)
        {
            yield return new Slot(left, Width - Pad - CalloutSpace, Width - Pad - 14, false);
            yield break;
        }

        // Each control takes what it needs and the row's first box takes the rest, as a host box is wider than its port's.
        var widths = row.Select(c => NaturalWidth(c, values)).ToArray();
        var spare = Width - Pad - left - widths.Sum() - RowGap * (row.Count - 1) - row.Count(c => c.Callout is not null) * InlineCallout;
        var grows = row.FindIndex(c => c.Type is "text" or "password" or "select");
        var x = left;
        foreach (var (control, index) in row.Select((c, i) => (c, i)))
        {
            var right = x + widths[index] + (index == grows ? Math.Max(0, spare) : 0);
            yield return new Slot(x, right, right + 20, true);
            x = right + (control.Callout is null ? 0 : InlineCallout) + RowGap;
        }
    }

    private static int NaturalWidth(PictureControl c, GuideValues values)
    {
        var label = (int)TextWidth(GuideText.Resolve(c.Label, values), 14);
        return c.Type switch
        {
            "checkbox" or "radio" => 24 + label + 4,
            "button" => label + 32,
            "text" or "password" or "select" => (label == 0 ? 0 : label + 8) + Math.Max(60, (int)TextWidth(GuideText.Resolve(c.Value ?? "", values), 14) + 16),
            _ => label,
        };
    }

    private static int Height(PictureControl c) => c.Type switch
    {
        "section" => 32,
        "button" => 44,
        "list" => 16 + 24 * Math.Max(1, c.Items?.Count ?? 1),
        _ => 36,
    };

    private static void TitleBar(StringBuilder svg, Picture picture, string chrome, Frame frame, GuideValues values)
    {
        var title = Fill(picture.Title, values);
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M1 {frame.Corner + 1} a{frame.Corner} {frame.Corner} 0 0 1 {frame.Corner} -{frame.Corner} h{Width - 2 - 2 * frame.Corner} a{frame.Corner} {frame.Corner} 0 0 1 {frame.Corner} {frame.Corner} v{frame.TitleHeight - frame.Corner} h-{Width - 2} z\" fill=\"{frame.TitleFill}\"/>");
        if (frame.Phone)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad + 10}\" y=\"22\" font-size=\"13\" font-weight=\"600\" fill=\"{frame.TitleText}\">9:41</text>");
            var x = frame.TitleCentered ? Width / 2 : Pad + 10;
            var anchor = frame.TitleCentered ? "middle" : "start";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"50\" text-anchor=\"{anchor}\" font-size=\"17\" font-weight=\"700\" fill=\"{frame.TitleText}\">{title}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"1\" y1=\"{frame.TitleHeight}\" x2=\"{Width - 1}\" y2=\"{frame.TitleHeight}\" stroke=\"#c6c6c8\"/>");
            return;
        }

        var baseline = frame.TitleHeight / 2 + 5;
        if (chrome.StartsWith("mac", StringComparison.Ordinal))
        {
            foreach (var (cx, colour) in new[] { (16, "#ff5f57"), (36, "#febc2e"), (56, "#28c840") })
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{cx}\" cy=\"{frame.TitleHeight / 2}\" r=\"6\" fill=\"{colour}\" stroke=\"#00000033\"/>");
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - 40}\" y=\"{frame.TitleHeight / 2 - 9}\" width=\"28\" height=\"18\" rx=\"3\" fill=\"{(chrome == "windows-xp" ? "#e0523a" : "none")}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 26}\" y=\"{baseline}\" text-anchor=\"middle\" fill=\"{frame.TitleText}\" font-size=\"13\">✕</text>");
        }

        var tx = frame.TitleCentered ? Width / 2 : Pad;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{tx}\" y=\"{baseline}\" text-anchor=\"{(frame.TitleCentered ? "middle" : "start")}\" font-weight=\"700\" fill=\"{frame.TitleText}\">{title}</text>");
    }

    private static void Tabs(StringBuilder svg, IReadOnlyList<string> tabs, int active, Frame frame)
    {
        var x = Pad;
        var top = frame.TitleHeight + 10;
        foreach (var (tab, index) in tabs.Select((t, i) => (t, i)))
        {
            var selected = index == active;
            var w = (int)(TextWidth(tab, 13) * (selected ? 1.1 : 1)) + 20; // the selected tab is bold
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top + (selected ? 0 : 3)}\" width=\"{w}\" height=\"{(selected ? 28 : 25)}\" rx=\"3\" fill=\"{(selected ? "#ffffff" : "#e3e3e3")}\" stroke=\"#9a9a9a\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{top + 19}\" font-size=\"13\" font-weight=\"{(selected ? "700" : "400")}\" fill=\"#1b1f24\">{E(tab)}</text>");
            x += w + 2;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Pad}\" y1=\"{top + 28}\" x2=\"{Width - Pad}\" y2=\"{top + 28}\" stroke=\"#9a9a9a\"/>");
    }

    private static void Control(StringBuilder svg, PictureControl c, Frame frame, GuideValues values, int top, int height, Slot slot)
    {
        var (left, right) = (slot.Left, slot.Right);
        var mid = top + height / 2;
        var baseline = mid + 5;

        if (c.Highlight)
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left - 8}\" y=\"{top + 2}\" width=\"{right - left + 14}\" height=\"{height - 4}\" rx=\"5\" fill=\"#fff1c2\" stroke=\"{Accent}\" stroke-width=\"2.5\" class=\"dialog-picture__highlight\"/>");

        switch (c.Type)
        {
            case "section":
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{baseline}\" font-weight=\"700\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                var end = left + (int)TextWidth(GuideText.Resolve(c.Label, values), 14) + 10;
                if (end < right) svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{end}\" y1=\"{mid}\" x2=\"{right}\" y2=\"{mid}\" stroke=\"#b5b5b5\"/>");
                break;
            case "label":
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{baseline}\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                break;
            case "checkbox" or "radio":
                var on = c.Checked switch { "true" => true, "tls" => values.Security != ConnectionSecurity.None, _ => false };
                if (frame.Phone)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{baseline}\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{right - 52}\" y=\"{mid - 14}\" width=\"50\" height=\"28\" rx=\"14\" fill=\"{(on ? "#34c759" : "#d1d1d6")}\"/>");
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{(on ? right - 16 : right - 38)}\" cy=\"{mid}\" r=\"12\" fill=\"#ffffff\"/>");
                }
                else if (c.Type == "checkbox")
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{mid - 8}\" width=\"16\" height=\"16\" rx=\"2\" fill=\"#ffffff\" stroke=\"#1c5180\"/>");
                    if (on) svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{left + 3} {mid} l4 4 l7 -8\" fill=\"none\" stroke=\"#1b1f24\" stroke-width=\"2.2\"/>");
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 24}\" y=\"{baseline}\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                }
                else
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + 8}\" cy=\"{mid}\" r=\"8\" fill=\"#ffffff\" stroke=\"#1c5180\"/>");
                    if (on) svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + 8}\" cy=\"{mid}\" r=\"4\" fill=\"#1b1f24\"/>");
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 24}\" y=\"{baseline}\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                }

                break;
            case "button":
                var w = (int)TextWidth(GuideText.Resolve(c.Label, values), 14) + 32;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{mid - 14}\" width=\"{w}\" height=\"28\" rx=\"{(frame.Phone ? 14 : 4)}\" fill=\"#fdfdfd\" stroke=\"#707070\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + w / 2}\" y=\"{baseline}\" text-anchor=\"middle\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                break;
            case "list":
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top + 6}\" width=\"{right - left}\" height=\"{height - 12}\" fill=\"#ffffff\" stroke=\"#7a7a7a\"/>");
                foreach (var (item, index) in (c.Items ?? []).Select((item, i) => (item, i)))
                {
                    var rowTop = top + 8 + 24 * index;
                    if (index == c.Selected)
                        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + 2}\" y=\"{rowTop}\" width=\"{right - left - 4}\" height=\"22\" fill=\"#cde3f8\"/>");
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 8}\" y=\"{rowTop + 16}\" fill=\"#1b1f24\">{Fill(item, values)}</text>");
                }

                break;
            default: // text, password, select: a label and a box
                var labelWidth = (int)TextWidth(GuideText.Resolve(c.Label, values), 14);
                // Alone on its row, boxes line up in one column; beside others, each box follows its label.
                var boxLeft = slot.Compact ? left + (labelWidth == 0 ? 0 : labelWidth + 8) : Math.Max(left + labelWidth + 12, Width * 46 / 100);
                if (frame.Phone)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{baseline}\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{right - 6}\" y=\"{baseline}\" text-anchor=\"end\" fill=\"#3c3c43\">{Value(c, values)}</text>");
                    break;
                }

                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{baseline}\" fill=\"#1b1f24\">{Fill(c.Label, values)}</text>");
                if (boxLeft > right - 60) boxLeft = Math.Max(left, right - 60);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{boxLeft}\" y=\"{mid - 12}\" width=\"{right - boxLeft}\" height=\"24\" fill=\"#ffffff\" stroke=\"#7a7a7a\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{boxLeft + 6}\" y=\"{baseline}\" fill=\"#1b1f24\">{Value(c, values)}</text>");
                if (c.Type == "select")
                    svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{right - 16} {mid - 3} l5 6 l5 -6 z\" fill=\"#444\"/>");
                break;
        }

        if (c.Callout is { } n)
        {
            var cx = slot.CalloutX;
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{cx}\" cy=\"{mid}\" r=\"12\" fill=\"{Accent}\" class=\"dialog-picture__callout\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx}\" y=\"{mid + 5}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"700\" fill=\"#ffffff\">{n}</text>");
        }
    }

    private static string Value(PictureControl c, GuideValues values) =>
        c.Type == "password" ? "••••••••" : Fill(c.Value ?? "", values);

    /// <summary>Text content with placeholders as tspans the page can update (data-member).</summary>
    private static string Fill(string text, GuideValues values)
    {
        var result = new StringBuilder();
        var last = 0;
        foreach (System.Text.RegularExpressions.Match m in GuideLibrary.PlaceholderPattern().Matches(text))
        {
            result.Append(E(text[last..m.Index]));
            var name = m.Groups[1].Value;
            result.Append(CultureInfo.InvariantCulture, $"<tspan data-member=\"{name}\">{E(values.Get(name))}</tspan>");
            last = m.Index + m.Length;
        }

        return result.Append(E(text[last..])).ToString();
    }

    /// <summary>A rough width: full-width characters take a whole em, others a little over half.</summary>
    internal static double TextWidth(string text, double size) =>
        text.Sum(ch => ch > '\u2E80' ? size : char.IsUpper(ch) ? size * 0.68 : size * 0.56);

    private static string E(string text) => GuideText.Encoder.Encode(text);
}
