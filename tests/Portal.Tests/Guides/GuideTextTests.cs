using Portal.Core.Guides;
using Microsoft.AspNetCore.Html;
using Portal.Core.Configuration;

namespace Portal.Tests.Guides;

public sealed class GuideTextTests
{
    private static readonly GuideValues Values =
        new("smtp.example.jp", 587, ConnectionSecurity.StartTls, "taro@example.jp", "taro@example.jp", UserNameFormat.FullAddress, "pop.example.jp", 995, "POP3", "サンプルネット");

    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, GuideText.Encoder);
        return writer.ToString();
    }

    [Fact]
    public void Placeholders_are_filled_and_marked_inside_markdown()
    {
        var html = Html(GuideText.Inline("Set **{server}** and port `{port}` for {user}.", Values));

        Assert.Equal("Set <strong><span data-member=\"server\">smtp.example.jp</span></strong> and port <code><span data-member=\"port\">587</span></code> for <span data-member=\"user\">taro@example.jp</span>.", html);
    }

    [Fact]
    public void Raw_html_in_content_is_shown_as_text()
    {
        var html = Html(GuideText.Block("<img src=x onerror=alert(1)> hello", Values));

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Japanese_stays_readable_and_values_are_encoded()
    {
        var values = Values with { Isp = "A&B <ネット>" };

        var html = Html(GuideText.Plain("{isp}のサーバー", values));

        Assert.Equal("<span data-member=\"isp\">A&amp;B &lt;ネット&gt;</span>のサーバー", html);
    }
}
