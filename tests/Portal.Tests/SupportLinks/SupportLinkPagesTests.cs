using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.SupportLinks;
using Portal.Tests.Infrastructure;
using Portal.Tests.Staff;

namespace Portal.Tests.SupportLinks;

/// <summary>A support agent sends a member their guide; the e-mail waits in the outbox; its link opens the member's own guide.</summary>
public sealed partial class SupportLinkPagesTests
{
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    internal static async Task<(string Subject, string Text, string? Html, string To)> QueuedMailAsync(PortalFactory portal, string dedupPrefix)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={portal.DatabaseFile}");
        return await connection.QuerySingleAsync<(string, string, string?, string)>(
            "SELECT Subject, TextBody, HtmlBody, ToAddress FROM OutboxMessages WHERE DedupKey LIKE @Prefix ORDER BY Id DESC LIMIT 1", new { Prefix = dedupPrefix + "%" });
    }

    private static async Task<long> OutboxCountAsync(PortalFactory portal, string dedupPrefix)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={portal.DatabaseFile}");
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OutboxMessages WHERE DedupKey LIKE @Prefix", new { Prefix = dedupPrefix + "%" });
    }

    /// <summary>An agent sends a member on file their guide from the console, as the form does (the member's own program and language).</summary>
    internal static async Task<HttpResponseMessage> SendToMemberAsync(HttpClient agent, Member member, string culture = "en")
    {
        var form = await PageReader.GetAsync(agent, $"/staff/support-link?member={member.Id}&culture={culture}");
        return await agent.PostAsync($"/staff/support-link?culture={culture}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(form), ["member"] = member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Address"] = member.Email, ["Name"] = member.Name, ["Program"] = member.Program!, ["Language"] = member.Language,
        }));
    }

    [Fact]
    public async Task An_agent_sends_a_member_their_guide_and_the_link_opens_it_with_their_values()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        var members = portal.Services.GetRequiredService<MemberStore>();
        await members.UpsertAsync([new MemberRow("taro", "taro@example.jp", "山田 太郎", "outlook-express-6", "ja")], "file", CancellationToken.None);
        var taro = (await members.FindByAddressAsync("taro", CancellationToken.None))!;
        using var agent = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(agent, "agent@example.jp");

        var form = await PageReader.GetAsync(agent, $"/staff/support-link?member={taro.Id}&culture=en");
        Assert.Equal("taro@example.jp", form.QuerySelector("#address")!.GetAttribute("value"));
        Assert.Equal("outlook-express-6", form.QuerySelector("#program option[selected]")!.GetAttribute("value"));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(form), ["member"] = taro.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Address"] = "taro@example.jp", ["Name"] = "山田 太郎", ["Program"] = "outlook-express-6", ["Language"] = "ja",
        };
        // The agent first sees the e-mail as it will be sent; nothing is queued yet.
        using var previewed = await agent.PostAsync("/staff/support-link?handler=preview&culture=en", new FormUrlEncodedContent(fields));
        var preview = await PageReader.ParseAsync(previewed);
        Assert.Contains("Outlook Express 6", preview.QuerySelector("#preview-subject")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("山田 太郎 様", preview.QuerySelector("#preview-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await OutboxCountAsync(portal, "support-link:"));

        using var sent = await agent.PostAsync("/staff/support-link?culture=en", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var sentPage = await PageReader.GetAsync(agent, sent.Headers.Location!.OriginalString);
        Assert.NotNull(sentPage.QuerySelector("#link-sent"));
        Assert.Null(sentPage.QuerySelector("#support-link-form"));
        Assert.Contains("(Asia/Tokyo)", sentPage.QuerySelector("#link-sent")!.TextContent, StringComparison.Ordinal);
        // Reloading the page sends nothing; a second click within minutes gets the link already sent.
        await PageReader.GetAsync(agent, sent.Headers.Location!.OriginalString);
        using var again = await agent.PostAsync("/staff/support-link?culture=en", new FormUrlEncodedContent(fields));
        var againPage = await PageReader.GetAsync(agent, again.Headers.Location!.OriginalString);
        Assert.NotNull(againPage.QuerySelector("#link-repeat"));
        Assert.Equal(sentPage.QuerySelectorAll("#link-sent p")[0].TextContent, againPage.QuerySelectorAll("#link-sent p")[1].TextContent);
        Assert.Equal(1, await OutboxCountAsync(portal, "support-link:"));
        var mail = await QueuedMailAsync(portal, "support-link:");
        Assert.Equal("taro@example.jp", mail.To);
        Assert.Contains("Outlook Express 6", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("山田 太郎 様", mail.Text, StringComparison.Ordinal);
        Assert.Contains("2006年6月1日", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://localhost/test?culture=ja&client=outlook-express-6&account=taro%40example.jp", mail.Text, StringComparison.Ordinal);
        var link = new Uri(LinkIn().Match(mail.Text).Value);
        var testPage = await PageReader.GetAsync(portal.CreateClient(Browser), "/test?culture=ja&client=outlook-express-6&account=taro%40example.jp");
        Assert.Equal("taro@example.jp", testPage.QuerySelector("#account")!.GetAttribute("value"));
        Assert.Null(testPage.QuerySelector("#password")!.GetAttribute("value"));
        Assert.Contains($"<a href=\"{link.AbsoluteUri}\">", mail.Html, StringComparison.Ordinal);
        Assert.Equal(MemberStatus.Emailed, (await members.FindAsync(taro.Id, CancellationToken.None))!.Status);

        // The member opens the link in a browser of their own (no staff cookie).
        using var member = portal.CreateClient(Browser);
        using var opened = await member.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var guide = await PageReader.GetAsync(member, opened.Headers.Location!.OriginalString);
        Assert.StartsWith("/guides/outlook-express-6?culture=ja&link=", opened.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Contains("taro@example.jp", guide.QuerySelector("#prepared-for")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("taro@example.jp", guide.QuerySelector("article.guide")!.GetAttribute("data-example-address"));
        await member.GetAsync(link.PathAndQuery);

        var afterOpen = (await members.FindAsync(taro.Id, CancellationToken.None))!;
        Assert.Equal(MemberStatus.LinkOpened, afterOpen.Status);
        Assert.Equal([MemberEventKinds.Imported, MemberEventKinds.Emailed, MemberEventKinds.LinkOpened], (await members.EventsAsync(taro.Id, CancellationToken.None)).Select(e => e.Kind));
        var opens = Assert.Single(await portal.Services.GetRequiredService<SupportLinkLedger>().ForMemberAsync(taro.Id, CancellationToken.None)).Opens;
        Assert.Equal(2, opens);
        var detail = await PageReader.GetAsync(agent, $"/staff/members/{taro.Id}?culture=en");
        Assert.Equal("2", detail.QuerySelector("#links .opens")!.TextContent);
        // In demo mode the outbox delivers through the demo server at once.
        Assert.Contains(detail.QuerySelector("#mail tbody tr")!.GetAttribute("data-status"), new[] { "Queued", "Sent" });

        // Past Outbound:EraseAfterDays the page still lists the message, but not what it said.
        await Outbox.Eventually.TrueAsync(async () => (await portal.Services.GetRequiredService<Portal.Core.Outbox.MemberOutbox>().CountsAsync(CancellationToken.None)).Sent == 1, "the link's message is sent");
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(401));
        await new Portal.Core.Outbox.OutboxSweep(portal.Services.GetRequiredService<Portal.Core.Data.PortalDatabase>(),
            Microsoft.Extensions.Options.Options.Create(new Portal.Core.Outbox.OutboundOptions()), later).SweepAsync(CancellationToken.None);
        var erased = await PageReader.GetAsync(agent, $"/staff/members/{taro.Id}?culture=en");
        Assert.Equal("(subject and text erased: past the keeping period)", erased.QuerySelector("#mail tbody tr td:nth-child(2)")!.TextContent);
        Assert.Equal("Sent", erased.QuerySelector("#mail tbody tr")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task The_mails_test_link_fills_in_the_user_name_the_guide_gives_and_the_member_passes_with_only_their_password()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        var members = portal.Services.GetRequiredService<MemberStore>();
        // The member file's account id ("demo") is not what the ISP signs in with (the full address, by default).
        await members.UpsertAsync([new MemberRow("demo", "demo@example.jp", "Demo", "thunderbird", "en")], "file", CancellationToken.None);
        var demo = (await members.FindByAddressAsync("demo", CancellationToken.None))!;
        using var agent = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(agent, "agent@example.jp");
        using var sent = await SendToMemberAsync(agent, demo);
        var mail = await QueuedMailAsync(portal, "support-link:");
        var testLink = new Uri(Regex.Match(mail.Text, @"https://localhost/test\?\S+").Value);

        using var member = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true });
        var testPage = await PageReader.GetAsync(member, testLink.PathAndQuery);
        var account = testPage.QuerySelector("#account")!.GetAttribute("value")!;
        using var probe = await member.PostAsync(testLink.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(testPage), ["Account"] = account, ["Password"] = "demo-587-pass", ["client"] = "thunderbird",
        }));
        var result = await PageReader.GetAsync(member, probe.Headers.Location!.OriginalString + "?culture=en");

        Assert.Equal("demo@example.jp", account);
        Assert.Equal("pass", result.QuerySelector("#verdict")?.GetAttribute("data-verdict"));
    }

    [Fact]
    public async Task A_tampered_link_opens_the_general_guides_with_a_friendly_word()
    {
        using var portal = new PortalFactory();
        using var member = portal.CreateClient(Browser);

        using var tampered = await member.GetAsync("/l/CfDJ8Nothing-that-was-ever-signed");
        var page = await PageReader.GetAsync(member, tampered.Headers.Location!.OriginalString + "&culture=en");
        using var onGuide = await member.GetAsync("/guides/thunderbird?link=garbage&culture=en");
        var guide = await PageReader.ParseAsync(onGuide);

        Assert.Equal(HttpStatusCode.Redirect, tampered.StatusCode);
        Assert.Equal("/guides?link=invalid", tampered.Headers.Location.OriginalString);
        Assert.StartsWith("The link you were sent has expired", page.QuerySelector("#link-expired")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, onGuide.StatusCode);
        Assert.NotNull(guide.QuerySelector("#link-expired"));
        Assert.Null(guide.QuerySelector("#prepared-for"));
    }

    [Fact]
    public async Task A_typed_address_needs_to_be_valid_and_a_program_chosen()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        using var agent = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(agent, "agent@example.jp");
        var form = await PageReader.GetAsync(agent, "/staff/support-link?culture=en");

        using var bad = await agent.PostAsync("/staff/support-link?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(form), ["Address"] = "not an address", ["Program"] = "", ["Language"] = "ja",
        }));
        var page = await PageReader.ParseAsync(bad);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["Type a valid e-mail address.", "Choose the mail program"], page.QuerySelectorAll("#support-link-form .form-error").Select(e => e.TextContent));
    }

    [GeneratedRegex(@"https://localhost/l/[A-Za-z0-9_-]+")]
    private static partial Regex LinkIn();
}
