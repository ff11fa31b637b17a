using System.Net;
using System.Runtime.CompilerServices;
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
    public const string SubjectLong = "SubjectLong";
    public const string BodyEmpty = "BodyEmpty";
    public const string UnknownPlaceholder = "UnknownPlaceholder";

    public override string ToString() => Kind switch
    {
        SubjectEmpty => "the subject is empty",
        SubjectLines => "the subject is more than one line",
        SubjectLong => $"the subject is longer than {MailTemplate.MaxSubjectLength} characters",
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

    /// <summary>
    /// Longer than a mail program shows in its list, and with a member's values filled in it must still fit the
    /// outbox's 500 characters (a subject that could not be recorded after the relay took the message would send it again).
    /// </summary>
    public const int MaxSubjectLength = 200;

    /// <summary>What the outbox keeps of a filled-in subject (the column's size on SQL Server).</summary>
    public const int MaxRenderedSubjectLength = 500;

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
        if (Subject.Length > MaxSubjectLength) problems.Add(new(TemplateProblem.SubjectLong));
        if (string.IsNullOrWhiteSpace(Body)) problems.Add(new(TemplateProblem.BodyEmpty));
        foreach (var name in Placeholder().Matches(Subject + Body).Select(m => m.Groups[1].Value).Distinct())
            if (!Placeholders.Contains(name)) problems.Add(new(TemplateProblem.UnknownPlaceholder, $"{{{name}}}"));
        return problems;
    }

    // A template is parsed into its pieces once and then only filled: a campaign renders it for every member.
    private static readonly ConditionalWeakTable<MailTemplate, Pieces> Parsed = new();

    public RenderedMail Render(IReadOnlyDictionary<string, string> values)
    {
        var pieces = Parsed.GetValue(this, static t => new Pieces(t));
        var subject = new StringBuilder();
        foreach (var piece in pieces.Subject) subject.Append(piece.Name is { } name && values.TryGetValue(name, out var v) ? v.ReplaceLineEndings(" ") : piece.Text);
        var text = new StringBuilder(pieces.Body.Length + 512);
        foreach (var piece in pieces.Text) text.Append(piece.Name is { } name && values.TryGetValue(name, out var v) ? v : piece.Text);
        // The HTML part is the text, encoded, with the links made clickable: nothing a member's name holds becomes markup.
        var html = new StringBuilder(pieces.Body.Length * 2 + 1024).Append("<!DOCTYPE html><html><body><div style=\"font-family:sans-serif;line-height:1.6\">");
        foreach (var piece in pieces.Html)
        {
            if (piece.Name is not { } name || !values.TryGetValue(name, out var v)) html.Append(piece.Text);
            else if (Links.Contains(name)) html.Append("<a href=\"").Append(WebUtility.HtmlEncode(v)).Append("\">").Append(WebUtility.HtmlEncode(v)).Append("</a>");
            else html.Append(WebUtility.HtmlEncode(v));
        }

        html.Append("</div></body></html>\n");
        if (subject.Length > MaxRenderedSubjectLength) subject.Length = MaxRenderedSubjectLength;
        return new RenderedMail(subject.ToString(), text.ToString(), html.ToString());
    }

    /// <summary>Literal text, or a placeholder (<see cref="Name"/>) whose <see cref="Text"/> is how it reads when it has no value.</summary>
    private readonly record struct Piece(string Text, string? Name);

    private sealed class Pieces(MailTemplate template)
    {
        public string Body { get; } = template.Body;

        public IReadOnlyList<Piece> Subject { get; } = Split(template.Subject, encode: false);

        public IReadOnlyList<Piece> Text { get; } = Split(template.Body, encode: false);

        /// <summary>Line by line, literal text encoded, each line ending in a break.</summary>
        public IReadOnlyList<Piece> Html { get; } = template.Body.TrimEnd('\n').Split('\n')
            .SelectMany(line => Split(line, encode: true).Append(new Piece("<br>\n", null))).ToList();

        private static List<Piece> Split(string text, bool encode)
        {
            var pieces = new List<Piece>();
            var at = 0;
            foreach (Match m in Placeholder().Matches(text))
            {
                if (m.Index > at) pieces.Add(new(Literal(text[at..m.Index]), null));
                pieces.Add(new(m.Value, m.Groups[1].Value));
                at = m.Index + m.Length;
            }

            if (at < text.Length) pieces.Add(new(Literal(text[at..]), null));
            return pieces;

            string Literal(string part) => encode ? WebUtility.HtmlEncode(part) : part;
        }
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}

public sealed record RenderedMail(string Subject, string Text, string Html);
