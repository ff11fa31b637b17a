using Portal.Core;
using Portal.Core.Content;
using Portal.Core.MemberMail;

namespace Portal.Tests.MemberMail;

/// <summary>The member e-mails: the built-in texts load in both languages, a bad one is refused with why, and rendering keeps a member's values from becoming markup.</summary>
public sealed class MailTemplateTests : IDisposable
{
    private readonly TempFolder _content = new();

    [Fact]
    public void The_built_in_texts_load_in_both_languages_and_use_only_known_placeholders()
    {
        var templates = new MemberMailTemplates();

        foreach (var language in new[] { "ja", "en" })
        {
            Assert.Contains("{link}", templates.For(language).Body, StringComparison.Ordinal);
            Assert.Empty(templates.For(language).Problems());
            Assert.Empty(templates.CampaignStart(language).Problems());
        }

        Assert.NotEqual(templates.For("ja").Subject, templates.For("en").Subject);
    }

    [Fact]
    public void Each_problem_of_a_template_is_named_and_a_bad_file_stops_start_up_naming_it()
    {
        var problems = new MailTemplate("", "\n").Problems().Concat(new MailTemplate("Hi\nthere", "Dear {nmae}\n").Problems()).ToList();

        Assert.Equal([TemplateProblem.SubjectEmpty, TemplateProblem.BodyEmpty, TemplateProblem.SubjectLines, TemplateProblem.UnknownPlaceholder], problems.Select(p => p.Kind));
        Assert.StartsWith("unknown placeholder {nmae} (known: {name}, {account}, ", problems[3].ToString(), StringComparison.Ordinal);

        foreach (var file in new[] { "support-link.ja.txt", "support-link.en.txt", "campaign.ja.txt" })
            File.WriteAllText(_content.File(file), "Subject: Hello\n\nBody {link}\n");
        File.WriteAllText(_content.File("campaign.en.txt"), "Subject: Hello {nmae}\n\nBody\n");
        var error = Assert.Throws<PortalStartupException>(() => new MemberMailTemplates(ContentFiles.FromDirectory(_content.Path)));
        Assert.Contains("campaign.en.txt: unknown placeholder {nmae}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_members_values_are_text_in_the_html_part_and_links_become_clickable()
    {
        var template = new MailTemplate("{name} さんへ", "{name} 様\n{link}\n");

        var mail = template.Render(new Dictionary<string, string> { ["name"] = "<b>Taro</b>\r\nBcc: x@example.jp", ["link"] = "https://portal.example.jp/s/a?b=1&c=2" });

        Assert.Equal("<b>Taro</b> Bcc: x@example.jp さんへ", mail.Subject);
        Assert.Contains("&lt;b&gt;Taro&lt;/b&gt;", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Taro", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://portal.example.jp/s/a?b=1&amp;c=2\">", mail.Html, StringComparison.Ordinal);
        Assert.StartsWith("<b>Taro</b>", mail.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _content.Dispose();
}
