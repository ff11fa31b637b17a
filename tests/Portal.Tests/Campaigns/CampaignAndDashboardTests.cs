using System.Net;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
using Portal.Tests.Staff;

namespace Portal.Tests.Campaigns;

/// <summary>Campaigns (filter, preview, test copy, send once per member) and the progress dashboard with its CSV export.</summary>
public sealed class CampaignAndDashboardTests
{
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    private static async Task<MemberStore> MembersAsync(PortalFactory portal)
    {
        var members = portal.Services.GetRequiredService<MemberStore>();
        await members.UpsertAsync(
        [
            new("taro", "taro@example.jp", "山田 太郎", "outlook-express-6", "ja"),
            new("hanako", "hanako@example.jp", "Hanako", "thunderbird", "en"),
            new("jiro", "jiro@example.jp", "=HYPERLINK(\"x\")", null, "ja"),
            new("moved", "moved@example.jp", "Moved, Already", "becky-2", "ja"),
        ], "file", CancellationToken.None);
        var moved = (await members.FindByAddressAsync("moved", CancellationToken.None))!;
        await members.RecordAsync(moved.Id, MemberEventKinds.Probe, "pass", MemberStatus.ProbePassed, CancellationToken.None);
        return members;
    }

    [Fact]
    public async Task A_campaign_to_members_not_yet_moved_is_previewed_tested_and_sent_once_per_member()
    {
        using var folder = new TempFolder();
        await using var relay = await new Portal.Tests.Outbox.TestRelay(folder, FreePort.Next()).StartAsync();
        await using var portal = await StaffPagesTests.PortalWithStaffAsync(Portal.Tests.Outbox.OutboxNode.Through(relay, ("Outbound:MessagesPerMinute", "1000000")));
        await MembersAsync(portal);
        using var admin = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(admin, "admin@example.jp");

        var form = await PageReader.GetAsync(admin, "/staff/campaigns?culture=en");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(form), ["Name"] = "Reminder", ["NotMovedOnly"] = "true", ["Program"] = "", ["Language"] = "",
            ["SubjectJa"] = "{isp}: {name} 様へ", ["BodyJa"] = "{name} 様\n{link}\n{deadline}", ["SubjectEn"] = "{isp}: for {name}", ["BodyEn"] = "Dear {name}\n{link}\n{deadline}",
        };
        using var bad = await admin.PostAsync("/staff/campaigns?culture=en",
            new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["BodyEn"] = "Dear {nmae}", ["SubjectEn"] = new string('s', 201) }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problemsEn = (await PageReader.ParseAsync(bad)).QuerySelector("#campaign-problems")!.TextContent;
        Assert.Contains("English: unknown placeholder {nmae}", problemsEn, StringComparison.Ordinal);
        Assert.Contains("English: the subject is longer than 200 characters", problemsEn, StringComparison.Ordinal);
        using var badJa = await admin.PostAsync("/staff/campaigns?culture=ja", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["BodyEn"] = "Dear {nmae}", ["Name"] = "", ["SubjectJa"] = new string('件', 201) }));
        var problemsJa = (await PageReader.ParseAsync(badJa)).QuerySelectorAll("#campaign-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal("案内の名前は1〜200文字で入力してください。", problemsJa[0]);
        Assert.Equal("日本語：件名が 200 文字を超えています", problemsJa[1]);
        Assert.StartsWith("英語：差し込み項目 {nmae} はありません（使えるのは {name}, ", problemsJa[2], StringComparison.Ordinal);

        using var created = await admin.PostAsync("/staff/campaigns?culture=en", new FormUrlEncodedContent(fields));
        var detailPath = created.Headers.Location!.OriginalString;
        var detail = await PageReader.GetAsync(admin, detailPath + "?culture=en");
        Assert.Equal("3", detail.QuerySelector("#recipients")!.TextContent);
        Assert.Equal("サンプルネット: 山田 太郎 様へ", detail.QuerySelector("#preview-ja strong")!.TextContent);
        Assert.Contains("Dear Hanako", detail.QuerySelector("#preview-en pre")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 June 2006", detail.QuerySelector("#preview-en pre")!.TextContent, StringComparison.Ordinal);

        var token = PageReader.AntiforgeryToken(detail);
        using var unconfirmed = await admin.PostAsync(detailPath + "?handler=send&culture=en", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var test = await admin.PostAsync(detailPath + "?handler=test&culture=en", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["TestLanguage"] = "en" }));
        using var first = await admin.PostAsync(detailPath + "?handler=send&culture=en", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Confirm"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("3", (await SentAsync(admin, detailPath)).GetAttribute("data-queued"));

        using var again = await admin.PostAsync(detailPath + "?handler=send&culture=en", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Confirm"] = "true" }));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await Task.Delay(200);
        Assert.Equal("3", (await SentAsync(admin, detailPath)).GetAttribute("data-queued"));
        // Each copy is written as the outbox sends it: the relay gets the member's own subject and text, with a link
        // signed as it left that opens their guide.
        await Portal.Tests.Outbox.Eventually.TrueAsync(() => Task.FromResult(relay.Accepted.Count == 4), "the test copy and three campaign copies reach the relay");
        var received = relay.Accepted.ToDictionary(m => m.To.Mailboxes.Single().Address, m => m);
        Assert.Equal("[TEST] Sample Net: for admin@example.jp", received["admin@example.jp"].Subject);
        Assert.Equal("サンプルネット: 山田 太郎 様へ", received["taro@example.jp"].Subject);
        Assert.Equal("Sample Net: for Hanako", received["hanako@example.jp"].Subject);
        Assert.Equal("サンプルネット: =HYPERLINK(\"x\") 様へ", received["jiro@example.jp"].Subject);
        Assert.Contains("https://localhost/guides?culture=ja", received["jiro@example.jp"].TextBody, StringComparison.Ordinal); // no program known: the general guides
        Assert.Contains("<a href=\"https://localhost/l/", received["taro@example.jp"].HtmlBody, StringComparison.Ordinal);
        var taroLink = System.Text.RegularExpressions.Regex.Match(received["taro@example.jp"].TextBody ?? "", @"https://localhost/l/\S+").Value;
        using var member = portal.CreateClient(Browser);
        using var opened = await member.GetAsync(taroLink);
        Assert.StartsWith("/guides/outlook-express-6?culture=ja&link=", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={portal.DatabaseFile}");
        await Portal.Tests.Outbox.Eventually.TrueAsync(async () => await db.QuerySingleAsync<long>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'sent'") == 4, "all four are marked sent");
        var sent = (await db.QueryAsync<(string To, string Subject, string Kind)>("SELECT ToAddress, Subject, Kind FROM OutboxMessages ORDER BY Id")).ToList();
        Assert.Equal([("admin@example.jp", "[TEST] Sample Net: for admin@example.jp", "test"), ("taro@example.jp", "サンプルネット: 山田 太郎 様へ", "campaign"),
            ("hanako@example.jp", "Sample Net: for Hanako", "campaign"), ("jiro@example.jp", "サンプルネット: =HYPERLINK(\"x\") 様へ", "campaign")], sent);
        Assert.Equal(2, await db.QuerySingleAsync<long>("SELECT COUNT(*) FROM SupportLinks"));
        var actions = await portal.Services.GetRequiredService<Portal.Core.Staff.StaffAudit>().RecentAsync(10, CancellationToken.None);
        Assert.Contains(actions, a => a.Action == "campaign-send-requested");
        Assert.Contains(actions, a => a.Action == "campaign-sent" && a.Detail.EndsWith("3 queued in all", StringComparison.Ordinal));
    }

    /// <summary>The campaign page once no send is under way (a node's sender finishes it in the background).</summary>
    private static async Task<AngleSharp.Dom.IElement> SentAsync(HttpClient admin, string detailPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await PageReader.GetAsync(admin, detailPath + "?culture=en");
            if (page.QuerySelector("#campaign-sending") is null && page.QuerySelector("#campaign-sent") is { } sent) return sent;
            Assert.True(DateTime.UtcNow < deadline, "the campaign was not sent in time");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_dashboard_counts_members_by_status_program_and_language_and_the_export_is_safe_for_spreadsheets()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        await MembersAsync(portal);
        using var admin = portal.CreateClient(Browser);
        using var agent = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(admin, "admin@example.jp");
        await StaffPagesTests.SignInAsync(agent, "agent@example.jp");

        var page = await PageReader.GetAsync(agent, "/staff/dashboard?culture=en");
        using var agentExport = await agent.GetAsync("/staff/members.csv");
        using var export = await admin.GetAsync("/staff/members.csv");
        var bytes = await export.Content.ReadAsByteArrayAsync();

        Assert.StartsWith("1 of 4 members (25%) have moved", page.QuerySelector("#dashboard-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("3", page.QuerySelector("#by-status tr[data-status=NotContacted] td")!.TextContent);
        Assert.Equal("1", page.QuerySelector("#by-status tr[data-status=ProbePassed] td")!.TextContent);
        Assert.Equal(["1", "1", "100"], page.QuerySelectorAll("#by-program tr[data-group=becky-2] td").Select(td => td.TextContent));
        Assert.Equal(["3", "1", "33"], page.QuerySelectorAll("#by-language tr[data-group=ja] td").Select(td => td.TextContent));
        Assert.NotNull(page.QuerySelector("svg#progress-chart polyline#chart-moved"));
        Assert.Equal(HttpStatusCode.Redirect, agentExport.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", export.Content.Headers.ContentType!.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "account,email,name,program,language,status,last_seen_port25,first_seen_submission",
            "hanako,hanako@example.jp,Hanako,thunderbird,en,NotContacted,,",
            "jiro,jiro@example.jp,\"'=HYPERLINK(\"\"x\"\")\",,ja,NotContacted,,",
            "moved,moved@example.jp,\"Moved, Already\",becky-2,ja,ProbePassed,,",
            "taro,taro@example.jp,山田 太郎,outlook-express-6,ja,NotContacted,,",
        ], lines);
    }

    [Fact]
    public void The_chart_draws_the_moved_line_and_the_block_date_when_it_is_in_range()
    {
        var svg = Portal.Core.Members.ProgressChart.Render([new MovedOnDay(new DateOnly(2006, 5, 1), 3), new MovedOnDay(new DateOnly(2006, 5, 20), 1)], 10,
            new DateOnly(2006, 6, 10), new DateOnly(2006, 6, 1), "Moved <over> time", "Block");

        var doc = System.Xml.Linq.XDocument.Parse(svg);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("Moved <over> time", doc.Root!.Element(ns + "title")!.Value);
        var points = doc.Descendants(ns + "polyline").Single().Attribute("points")!.Value.Split(' ');
        Assert.Equal(6, points.Length); // start, (before, after) for each day, end
        Assert.NotNull(doc.Descendants(ns + "line").SingleOrDefault(l => (string?)l.Attribute("id") == "chart-deadline"));
    }
}
