using Portal.Core.Guides;
using Portal.Core.Configuration;

namespace Portal.Tests.Guides;

/// <summary>The real content: the validator passes, and the notice's programs and today's are all there.</summary>
public sealed class GuideContentTests
{
    public static readonly Portal.Core.Content.ContentFiles Content = GuideLibrary.BuiltIn();

    public static readonly string[] NoticePrograms = ["windows-mail", "outlook-express-6", "netscape-7-windows", "becky-2", "mac-mail-1-3", "netscape-7-mac"];

    public static readonly string[] TodaysPrograms = ["thunderbird", "outlook-classic", "apple-mail", "iphone-mail", "gmail-android", "other-program"];

    [Fact]
    public void The_content_passes_the_validator()
    {
        var (_, problems) = GuideLibrary.TryLoad(Content);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_program_of_the_notice_and_of_today_has_a_guide_in_both_languages()
    {
        var library = GuideLibrary.Load(Content);

        foreach (var language in GuideLibrary.Languages)
        {
            var ids = library.All(language).Select(g => g.Id).ToList();
            Assert.Empty(NoticePrograms.Concat(TodaysPrograms).Except(ids));
        }

        Assert.All(NoticePrograms, id => Assert.Equal("notice", library.Find(id, "en")!.Era));
    }

    [Fact]
    public void Every_guide_covers_the_port_authentication_and_a_test_message()
    {
        var library = GuideLibrary.Load(Content);

        Assert.All(library.All("ja"), guide =>
        {
            Assert.NotNull(guide.StepFixing("port"));
            Assert.NotNull(guide.StepFixing("auth"));
            Assert.Equal("test", guide.Steps[^1].Fixes.Single(t => t == "test"));
            Assert.Contains(guide.Steps.SelectMany(s => s.Fields), f => f.New.Contains("{port}", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Every_error_of_the_lookup_leads_to_an_existing_step_of_every_program()
    {
        var library = GuideLibrary.Load(Content);

        foreach (var language in GuideLibrary.Languages)
        foreach (var guide in library.All(language))
        foreach (var security in Enum.GetValues<ConnectionSecurity>())
        foreach (var answer in ErrorAnswers.For(guide, library.CommonErrors(language), Values(security)))
            Assert.Contains(answer.Step, guide.Steps);

        Assert.Contains(library.CommonErrors("en"), e => e.Code?.StartsWith("535", StringComparison.Ordinal) == true);
    }

    internal static GuideValues Values(ConnectionSecurity security, MailServer? implicitTls = null) =>
        new("smtp.example.jp", security == ConnectionSecurity.SslOnConnect ? 465 : 587, security, "taro@example.jp", "taro@example.jp",
            UserNameFormat.FullAddress, "pop.example.jp", 995, "POP3", "Sample Net", implicitTls);

    [Fact]
    public void The_outlook_express_guide_puts_authentication_on_the_servers_tab_and_the_port_on_the_advanced_tab()
    {
        var guide = GuideLibrary.Load(Content).Find("outlook-express-6", "en")!;

        var auth = guide.StepFixing("auth")!;
        var port = guide.StepFixing("port")!;
        Assert.Equal("Servers", guide.Pictures[auth.Picture].Tabs![guide.Pictures[auth.Picture].Active!.Value]);
        Assert.Equal("Advanced", guide.Pictures[port.Picture].Tabs![guide.Pictures[port.Picture].Active!.Value]);
        Assert.Contains(guide.Pictures[auth.Picture].Controls, c => c.Label.Contains("My server requires authentication", StringComparison.Ordinal));
    }
}

/// <summary>Every guide under every configuration the ISP may choose: each callout a step explains is drawn in its picture.</summary>
public sealed class GuideConfigurationTests
{
    public static TheoryData<string, ConnectionSecurity, bool, UserNameFormat> Configurations()
    {
        var rows = new TheoryData<string, ConnectionSecurity, bool, UserNameFormat>();
        foreach (var language in GuideLibrary.Languages)
        foreach (var security in Enum.GetValues<ConnectionSecurity>())
        foreach (var offers465 in new[] { true, false })
            rows.Add(language, security, offers465, offers465 ? UserNameFormat.LocalPart : UserNameFormat.FullAddress);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_explained_callout_is_drawn_and_every_value_is_filled(string language, ConnectionSecurity security, bool offers465, UserNameFormat format)
    {
        var library = GuideLibrary.Load(GuideContentTests.Content);
        var implicitTls = offers465 ? new MailServer { Host = "smtps.example.jp", Port = 465, Security = ConnectionSecurity.SslOnConnect } : null;
        var values = GuideContentTests.Values(security, implicitTls) with { UserNameFormat = format, User = format == UserNameFormat.LocalPart ? "taro" : "taro@example.jp" };

        foreach (var guide in library.All(language))
        foreach (var step in guide.Steps)
        {
            var svg = System.Xml.Linq.XDocument.Parse(DialogPicture.Render(guide.Pictures[step.Picture], guide.Chrome, values, "p"));
            var drawn = svg.Descendants().Where(e => (string?)e.Attribute("class") == "dialog-picture__callout")
                .Select(c => ((System.Xml.Linq.XElement)c.NextNode!).Value).ToHashSet();
            var explained = step.Fields.Where(f => values.Applies(f.When) && f.Callout is not null).Select(f => f.Callout!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.All(explained, n => Assert.True(drawn.Contains(n), $"{guide.Id}/{language} step {step.Id}: callout {n} explained but not drawn ({security}, 465: {offers465})"));
            Assert.DoesNotContain("@@", svg.ToString(), StringComparison.Ordinal);
        }
    }
}
