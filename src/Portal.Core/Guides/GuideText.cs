using System.Text.Encodings.Web;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace Portal.Core.Guides;

/// <summary>
/// Guide text to HTML: Markdown (raw HTML disabled) with each placeholder filled and wrapped in
/// <c>&lt;span data-member="..."&gt;</c>, so the page can put the member's own values in as they type.
/// </summary>
public static class GuideText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    // Japanese stays as text; markup characters are still encoded.
    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static IHtmlContent Block(string? markdown, GuideValues values) =>
        new HtmlString(Fill(Markdown.ToHtml(Mark(markdown), Pipeline), values));

    /// <summary>One paragraph's worth of Markdown, without the paragraph element.</summary>
    public static IHtmlContent Inline(string? markdown, GuideValues values)
    {
        var html = Markdown.ToHtml(Mark(markdown), Pipeline).Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0)
            html = html[3..^4];
        return new HtmlString(Fill(html, values));
    }

    /// <summary>Plain text (no Markdown), encoded, with placeholders filled.</summary>
    public static IHtmlContent Plain(string? text, GuideValues values) => new HtmlString(Fill(Encoder.Encode(Mark(text)), values));

    /// <summary>The text with placeholders filled and nothing else: for attributes and picture descriptions.</summary>
    public static string Resolve(string? text, GuideValues values) =>
        GuideLibrary.PlaceholderPattern().Replace(text ?? "", m => values.Get(m.Groups[1].Value));

    // Placeholders become @@name@@ before Markdown sees them: braces and their content survive any formatting.
    private static string Mark(string? text) => GuideLibrary.PlaceholderPattern().Replace(text ?? "", m => $"@@{m.Groups[1].Value}@@");

    private static string Fill(string html, GuideValues values)
    {
        foreach (var name in GuideLibrary.Placeholders)
        {
            var token = $"@@{name}@@";
            if (html.Contains(token, StringComparison.Ordinal))
                html = html.Replace(token, $"<span data-member=\"{name}\">{Encoder.Encode(values.Get(name))}</span>", StringComparison.Ordinal);
        }

        return html;
    }
}
