using Portal.Core;
using Portal.Core.Configuration;
using Portal.Core.Content;
using Portal.Core.MemberMail;

namespace Portal.Tests.MemberMail;

/// <summary>The member e-mails: the built-in texts load in both languages, a bad one is refused with why, and rendering keeps a member's values from becoming markup.</summary>
public sealed class MailTemplateTests : IDisposable
{
    private readonly TempFolder _content = new();

    [Fact]
    public void The_built_in_texts_load_in_both_languages_and_every_phase_and_use_only_known_placeholders()
    {
        var templates = new MemberMailTemplates();

        foreach (var phase in Enum.GetValues<MovePhase>())
        {
            foreach (var language in new[] { "ja", "en" })
            {
                Assert.Contains("{link}", templates.For(language, phase).Body, StringComparison.Ordinal);
                Assert.Empty(templates.For(language, phase).Problems());
                Assert.Empty(templates.CampaignStart(language, phase).Problems());
            }

            Assert.NotEqual(templates.For("ja", phase).Subject, templates.For("en", phase).Subject);
        }
    }

    [Fact]
    public void Each_problem_of_a_template_is_named_and_a_bad_file_stops_start_up_naming_it()
    {
        var problems = new MailTemplate("", "\n").Problems().Concat(new MailTemplate("Hi\nthere", "Dear {nmae}\n").Problems())
            .Concat(new MailTemplate(new string('x', MailTemplate.MaxSubjectLength + 1), "Body\n").Problems()).ToList();

        Assert.Equal([TemplateProblem.SubjectEmpty, TemplateProblem.BodyEmpty, TemplateProblem.SubjectLines, TemplateProblem.UnknownPlaceholder, TemplateProblem.SubjectLong],
            problems.Select(p => p.Kind));
        Assert.StartsWith("unknown placeholder {nmae} (known: {name}, {account}, ", problems[3].ToString(), StringComparison.Ordinal);
        Assert.Equal("the subject is longer than 200 characters", problems[4].ToString());
        Assert.Empty(new MailTemplate(new string('x', MailTemplate.MaxSubjectLength), "Body\n").Problems());

        // A long name filled in: the subject the outbox records still fits its column.
        var filled = new MailTemplate(new string('x', MailTemplate.MaxSubjectLength - 6) + "{name}", "Body\n").Render(new Dictionary<string, string> { ["name"] = new('n', 1000) });
        Assert.Equal(MailTemplate.MaxRenderedSubjectLength, filled.Subject.Length);

        foreach (var kind in new[] { "support-link", "campaign" })
            foreach (var phase in new[] { "announced", "parallel-run", "port25-blocked" })
                foreach (var language in new[] { "ja", "en" })
                    File.WriteAllText(_content.File($"{kind}.{phase}.{language}.txt"), "Subject: Hello\n\nBody {link}\n");
        File.WriteAllText(_content.File("campaign.parallel-run.en.txt"), "Subject: Hello {nmae}\n\nBody\n");
        File.Delete(_content.File("support-link.port25-blocked.ja.txt"));
        var error = Assert.Throws<PortalStartupException>(() => new MemberMailTemplates(ContentFiles.FromDirectory(_content.Path)));
        Assert.Contains("campaign.parallel-run.en.txt: unknown placeholder {nmae}", error.Message, StringComparison.Ordinal);
        Assert.Contains("support-link.port25-blocked.ja.txt is missing", error.Message, StringComparison.Ordinal);
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
