using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Core.MemberMail;

/// <summary>
/// What is wrong with a template: a <see cref="Kind"/> the staff console words in each language (Staff.Template.*),
/// and the placeholder concerned. <see cref="ToString"/> is the English an operator reads at start-up.
/// </summary>
public sealed record TemplateProblem(string Kind, string? Placeholder = null)
{
    public const string SubjectEmpty = "SubjectEmpty";
    public const string SubjectLines = "SubjectLines";
    public const string BodyEmpty = "BodyEmpty";
    public const string UnknownPlaceholder = "UnknownPlaceholder";

    public override string ToString() => Kind switch
    {
        SubjectEmpty => "the subject is empty",
        SubjectLines => "the subject is more than one line",
        BodyEmpty => "the body is empty",
        _ => $"unknown placeholder {Placeholder} (known: {string.Join(", ", MailTemplate.Placeholders.Select(p => $"{{{p}}}"))})",
    };
}

/// <summary>A message written once for many members: a subject and a plain-text body with {placeholders}.</summary>
public sealed partial record MailTemplate(string Subject, string Body)
{
    /// <summary>Placeholders a template may use; links become clickable in the HTML part.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["name", "account", "program", "link", "testLink", "opens", "deadline", "isp"];

    private static readonly HashSet<string> Links = ["link", "testLink"];

    /// <summary>"Subject: ..." on the first line, a blank line, then the body (the format of the template files).</summary>
    public static MailTemplate Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 3 || !lines[0].StartsWith("Subject:", StringComparison.Ordinal) || lines[1].Length != 0)
            throw new FormatException("a template starts with \"Subject: ...\", then a blank line, then the body");
        return new MailTemplate(lines[0]["Subject:".Length..].Trim(), string.Join('\n', lines.Skip(2)).TrimEnd() + "\n");
    }

    /// <summary>Why the template cannot be used, or nothing.</summary>
    public IReadOnlyList<TemplateProblem> Problems()
    {
        var problems = new List<TemplateProblem>();
        if (string.IsNullOrWhiteSpace(Subject)) problems.Add(new(TemplateProblem.SubjectEmpty));
        if (Subject.Contains('\n', StringComparison.Ordinal)) problems.Add(new(TemplateProblem.SubjectLines));
        if (string.IsNullOrWhiteSpace(Body)) problems.Add(new(TemplateProblem.BodyEmpty));
        foreach (var name in Placeholder().Matches(Subject + Body).Select(m => m.Groups[1].Value).Distinct())
            if (!Placeholders.Contains(name)) problems.Add(new(TemplateProblem.UnknownPlaceholder, $"{{{name}}}"));
        return problems;
    }

    public RenderedMail Render(IReadOnlyDictionary<string, string> values)
    {
        string Fill(string text, Func<string, string, string> value) =>
            Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? value(m.Groups[1].Value, v) : m.Value);

        var subject = Fill(Subject, (_, v) => v.ReplaceLineEndings(" "));
        var text = Fill(Body, (_, v) => v);
        // The HTML part is the text, encoded, with the links made clickable: nothing a member's name holds becomes markup.
        var html = new StringBuilder("<!DOCTYPE html><html><body><div style=\"font-family:sans-serif;line-height:1.6\">");
        foreach (var line in Body.TrimEnd('\n').Split('\n'))
        {
            html.Append(Fill(WebUtility.HtmlEncode(line), (name, v) => Links.Contains(name)
                ? $"<a href=\"{WebUtility.HtmlEncode(v)}\">{WebUtility.HtmlEncode(v)}</a>"
                : WebUtility.HtmlEncode(v))).Append("<br>\n");
        }

        html.Append("</div></body></html>\n");
        return new RenderedMail(subject, text, html.ToString());
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}

public sealed record RenderedMail(string Subject, string Text, string Html);
