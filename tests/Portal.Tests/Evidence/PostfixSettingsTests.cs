using System.Net;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Tests.Infrastructure;
using Portal.Tests.Staff;

namespace Portal.Tests.Evidence;

/// <summary>The Postfix settings the admins' page shows: the log they produce is the log the evidence reader understands.</summary>
public sealed class PostfixSettingsTests
{
    private static readonly Uri Portal = new("https://portal.example.jp/");

    [Fact]
    public void The_standard_ports_get_the_standard_services_whose_syslog_names_the_reader_counts_as_submission()
    {
        var evidence = new EvidenceOptions();
        var settings = PostfixSettings.For(new IspOptions(), evidence, Portal);

        var master = settings.Single(s => s.Purpose == "Submission").Lines;
        Assert.Contains("submission inet n - y - - smtpd", master);
        Assert.Contains("smtps inet n - y - - smtpd", master);
        var names = master.Where(l => l.Contains("syslog_name=", StringComparison.Ordinal)).Select(l => l.Split('=')[1]).ToList();
        Assert.Equal(["postfix/submission", "postfix/smtps"], names);
        Assert.All(names, n => Assert.True(evidence.IsSubmission(n)));
        Assert.False(evidence.IsSubmission("postfix"));
        Assert.DoesNotContain(settings, s => s.Purpose == "OtherSyslogNames");
    }

    [Fact]
    public void Other_ports_keep_a_syslog_name_the_reader_knows_and_the_footer_names_the_port_and_the_guides_in_ASCII()
    {
        var isp = new IspOptions();
        isp.Submission.Port = 2587;
        isp.ImplicitTls.Port = 2465;
        var evidence = new EvidenceOptions { SubmissionSyslogNames = ["postfix/msa", " postfix/msa ", ""] };

        var settings = PostfixSettings.For(isp, evidence, Portal);

        var master = settings.Single(s => s.Purpose == "Submission").Lines;
        Assert.Contains("2587 inet n - y - - smtpd", master);
        Assert.Contains("  -o syslog_name=postfix/submission-2587", master);
        Assert.Contains("  -o syslog_name=postfix/smtps-2465", master);
        Assert.True(evidence.IsSubmission("postfix/submission-2587"));
        var footer = Assert.Single(settings.Single(s => s.Purpose == "RejectFooter").Lines);
        Assert.Equal("port25_reject_footer = \\c; send on port 2587 with SMTP-AUTH, see https://portal.example.jp/guides/errors", footer);
        Assert.All(footer, c => Assert.True(c < 128));
        Assert.Equal(["Evidence:SubmissionSyslogNames: postfix/msa"], settings.Single(s => s.Purpose == "OtherSyslogNames").Lines);
    }

    [Fact]
    public async Task Admins_see_the_settings_in_their_language_with_the_block_date_and_agents_do_not()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync(new Dictionary<string, string?>
        {
            ["SupportLinks:PublicBaseUrl"] = "https://portal.example.jp",
            ["Schedule:Port25Blocked"] = "2099-06-01",
        });
        using var admin = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var agent = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        (await StaffPagesTests.SignInAsync(admin, "admin@example.jp")).Dispose();
        (await StaffPagesTests.SignInAsync(agent, "agent@example.jp")).Dispose();

        var page = await PageReader.GetAsync(admin, "/staff/postfix?culture=ja");
        using var refused = await agent.GetAsync("/staff/postfix");

        Assert.Equal(["Submission", "AuthenticatedHeader", "RejectFooter", "RejectFooterService"],
            page.QuerySelectorAll("section.postfix-setting").Select(s => s.GetAttribute("data-purpose")));
        Assert.Contains("see https://portal.example.jp/guides/errors", page.QuerySelector("[data-purpose=RejectFooter] pre")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2099年6月1日", page.QuerySelector("#postfix-footer-when")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
