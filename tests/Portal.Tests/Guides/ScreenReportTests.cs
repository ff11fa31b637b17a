using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Guides;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;
using Portal.Tests.Staff;

namespace Portal.Tests.Guides;

/// <summary>"My screen looks different": one click on any step of any guide, stored for staff, listed per step, limited per address.</summary>
public sealed class ScreenReportTests
{
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, BaseAddress = PortalFactory.Https };

    /// <summary>Sends the form of one step, as the member's browser would, with what they typed.</summary>
    private static async Task<HttpResponseMessage> ReportAsync(HttpClient client, string guidePath, string step, string? whatTheySee = null, string? version = null)
    {
        var page = await PageReader.GetAsync(client, guidePath);
        var form = page.QuerySelector($"#differs-{step}") ?? throw new InvalidOperationException($"no report form on step {step}");
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        if (whatTheySee is not null) fields["WhatTheySee"] = whatTheySee;
        if (version is not null) fields["ProgramVersion"] = version;
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Every_step_of_every_guide_offers_the_one_click_report_and_its_page_holds_no_visitors_token()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(Browser);
        var guides = portal.Services.GetRequiredService<GuideLibrary>().All("en").Select(g => g.Id).ToList();

        Assert.True(guides.Count >= 12, $"only {guides.Count} guides");
        foreach (var guide in guides)
        {
            var page = await PageReader.GetAsync(client, $"/guides/{guide}?culture=en");
            var steps = page.QuerySelectorAll("li.step").ToList();
            Assert.NotEmpty(steps);
            Assert.All(steps, s =>
            {
                var form = s.QuerySelector("form.step__differs");
                Assert.NotNull(form);
                // The guide page is cached for everyone: the form is checked for a same-origin post instead of a token.
                Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
                Assert.Equal("My screen looks different", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
            });
        }
    }

    [Fact]
    public async Task A_report_thanks_the_member_on_its_step_and_staff_see_it_per_step_most_reported_first()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        using var member = portal.CreateClient(Browser);

        using var sent = await ReportAsync(member, "/guides/becky-2?culture=en", "basic-server", "I see <b>no</b> such menu\nonly 'Mailbox'", "2.75.01");
        (await ReportAsync(member, "/guides/becky-2", "basic-server")).Dispose();
        (await ReportAsync(member, "/guides/thunderbird?culture=en", "edit-server")).Dispose();

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var back = sent.Headers.Location!.OriginalString;
        Assert.Equal("/guides/becky-2?reported=basic-server#step-basic-server", back);
        var thanked = await PageReader.GetAsync(member, back + "&culture=en");
        Assert.StartsWith("Thank you.", thanked.QuerySelector("#reported-basic-server")!.TextContent, StringComparison.Ordinal);

        using var staff = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(staff, "agent@example.jp");
        var list = await PageReader.GetAsync(staff, "/staff/screen-reports?culture=en");
        var rows = list.QuerySelectorAll("#screen-reports tbody tr").ToList();
        Assert.Equal([("becky-2", "basic-server", "2"), ("thunderbird", "edit-server", "1")],
            rows.Select(r => (r.GetAttribute("data-guide"), r.GetAttribute("data-step"), r.QuerySelector("[data-reports]")!.GetAttribute("data-reports"))));
        var said = rows[0].QuerySelector(".screen-reports__said li")!;
        // Stored as typed, shown encoded: the member's words are text, never markup.
        Assert.Equal("I see <b>no</b> such menu only 'Mailbox' (2.75.01)", said.TextContent.Trim());
        Assert.Null(said.QuerySelector("b"));
        Assert.Contains("1. ", rows[0].Children[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_cannot_be_stored_comes_back_with_the_members_words_and_why()
    {
        using var portal = new PortalFactory();
        using var member = portal.CreateClient(Browser);
        var words = new string('ず', 501);

        using var tooLong = await ReportAsync(member, "/guides/becky-2?culture=en", "basic-server", words);
        var page = await PageReader.ParseAsync(tooLong);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("Please keep what you see to 500 characters.", page.QuerySelector("#screen-differs-problem")!.TextContent);
        Assert.Equal(words, page.QuerySelector("#what-they-see")!.TextContent);
        Assert.NotNull(page.QuerySelector("#screen-differs-form input[name=__RequestVerificationToken]"));

        using var noSuchStep = await member.PostAsync("/guides/becky-2/screen-differs?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Step"] = "no-such-step", ["Language"] = "en",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, noSuchStep.StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/guides/becky-2/screen-differs") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Step"] = "basic-server" }) };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.BadRequest, (await member.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task One_address_may_report_ten_times_an_hour()
    {
        using var portal = new PortalFactory();
        using var member = portal.CreateClient(Browser);

        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(member, "/guides/becky-2", "basic-server")).StatusCode);
        using var eleventh = await ReportAsync(member, "/guides/becky-2?culture=en", "basic-server", "still different");

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await PageReader.ParseAsync(eleventh);
        Assert.StartsWith("Thank you: we have many reports from your network already.", page.QuerySelector("#screen-differs-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("still different", page.QuerySelector("#what-they-see")!.TextContent);
    }
}
