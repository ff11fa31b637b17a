using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
using Portal.Tests.Staff;

namespace Portal.Tests.Evidence;

/// <summary>What staff see of the log's evidence: on a member's page, and as a campaign's audience.</summary>
public sealed class EvidencePagesTests
{
    private static readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    private static async Task<MemberStore> MembersSeenAsync(PortalFactory portal)
    {
        var members = portal.Services.GetRequiredService<MemberStore>();
        await members.UpsertAsync([new("taro", "taro@example.jp", "Taro", "outlook-express-6", "ja"), new("hanako", "hanako@example.jp", "Hanako", "thunderbird", "en")], "file", CancellationToken.None);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);
        await using var connection = await portal.Services.GetRequiredService<PortalDatabase>().OpenAsync(CancellationToken.None);
        foreach (var (account, kind, daysAgo, count) in new[] { ("taro", "port25-noauth", 2, 5), ("hanako", "port25-auth", 20, 3), ("hanako", "submission-auth", 10, 7) })
        {
            var id = (await members.FindByAddressAsync(account, CancellationToken.None))!.Id;
            var at = DateTimeOffset.UtcNow.AddDays(-daysAgo);
            await connection.ExecuteAsync("INSERT INTO MemberEvidence (MemberId, Kind, Day, Count, FirstAt, LastAt) VALUES (@Id, @Kind, @Day, @Count, @At, @At)",
                new { Id = id, Kind = kind, Day = today.AddDays(-daysAgo), Count = count, At = at });
        }

        return members;
    }

    [Fact]
    public async Task A_members_page_shows_what_the_log_says_of_them_in_the_staff_members_language()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        var members = await MembersSeenAsync(portal);
        using var agent = portal.CreateClient(Browser);
        (await StaffPagesTests.SignInAsync(agent, "agent@example.jp")).Dispose();
        var taro = (await members.FindByAddressAsync("taro", CancellationToken.None))!.Id;
        var hanako = (await members.FindByAddressAsync("hanako", CancellationToken.None))!.Id;

        var taroPage = await PageReader.GetAsync(agent, $"/staff/members/{taro}?culture=en");
        var hanakoPage = await PageReader.GetAsync(agent, $"/staff/members/{hanako}?culture=ja");

        Assert.Equal("not-moved", taroPage.QuerySelector("#member-evidence")!.GetAttribute("data-verdict"));
        Assert.Equal("Sends on port 25 only: not moved yet.", taroPage.QuerySelector("#member-evidence-verdict")!.TextContent);
        Assert.Equal(["port25-noauth"], taroPage.QuerySelectorAll("#member-evidence tr[data-kind]").Select(r => r.GetAttribute("data-kind")));
        Assert.Equal("5", taroPage.QuerySelector("#member-evidence tr[data-kind=port25-noauth] td:nth-child(2)")!.TextContent);
        Assert.Equal("moved", hanakoPage.QuerySelector("#member-evidence")!.GetAttribute("data-verdict"));
        Assert.Equal(["port25-auth", "submission-auth"], hanakoPage.QuerySelectorAll("#member-evidence tr[data-kind]").Select(r => r.GetAttribute("data-kind")));
        Assert.Contains("移行済み", hanakoPage.QuerySelector("#member-evidence-verdict")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_can_go_only_to_members_still_seen_on_port_25_and_a_wrong_number_of_days_is_said()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        await MembersSeenAsync(portal);
        using var admin = portal.CreateClient(Browser);
        (await StaffPagesTests.SignInAsync(admin, "admin@example.jp")).Dispose();
        var form = await PageReader.GetAsync(admin, "/staff/campaigns?culture=en");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(form), ["Name"] = "Still on 25", ["NotMovedOnly"] = "false", ["Program"] = "", ["Language"] = "",
            ["SubjectJa"] = "{name} 様", ["BodyJa"] = "{link}", ["SubjectEn"] = "For {name}", ["BodyEn"] = "{link}",
        };

        using var bad = await admin.PostAsync("/staff/campaigns?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["Port25Days"] = "a week" }));
        // Full-width digits, as a Japanese keyboard may type them.
        using var created = await admin.PostAsync("/staff/campaigns?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["Port25Days"] = "１４" }));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\u201ca week\u201d is not a number of days: enter a number from 1 to 366.", (await PageReader.ParseAsync(bad)).QuerySelector("#campaign-problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detail = await PageReader.GetAsync(admin, created.Headers.Location!.OriginalString + "?culture=en");
        Assert.Equal("1", detail.QuerySelector("#recipients")!.TextContent);
        Assert.Contains("seen on port 25 in the last 14 days", detail.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_shows_per_program_and_per_day_who_the_log_shows_moved_and_who_is_still_on_port_25()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        await MembersSeenAsync(portal);
        using var agent = portal.CreateClient(Browser);
        (await StaffPagesTests.SignInAsync(agent, "agent@example.jp")).Dispose();

        var page = await PageReader.GetAsync(agent, "/staff/dashboard?culture=en");

        // Hanako: 587 ten days ago, port 25 only twenty days ago (more than Evidence:MovedAfterDays, 14): moved. Taro: port 25 two days ago.
        Assert.Equal("Moved by the log (on 587/465 with SMTP-AUTH, nothing on port 25 in the last 14 days): 1. Seen on port 25 in the last 14 days: 1.",
            page.QuerySelector("#log-summary")!.TextContent);
        string Row(string program) => string.Join("|", page.QuerySelectorAll($"#log-by-program tr[data-group='{program}'] td").Select(td => td.TextContent));
        Assert.Equal("0|1|0", Row("outlook-express-6"));
        Assert.Equal("1|0|1", Row("thunderbird"));
        var days = page.QuerySelectorAll("#log-per-day tr[data-day]").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Equal(["0|1", "1|0", "0|1"], days);
    }

    [Fact]
    public async Task The_members_export_carries_the_last_port_25_message_and_the_first_on_submission()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        await MembersSeenAsync(portal);
        using var admin = portal.CreateClient(Browser);
        (await StaffPagesTests.SignInAsync(admin, "admin@example.jp")).Dispose();

        var text = System.Text.Encoding.UTF8.GetString((await admin.GetByteArrayAsync("/staff/members.csv"))[3..]);

        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => (Port25: c[6], Submission: c[7]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", rows["taro"].Port25);
        Assert.Equal("", rows["taro"].Submission);
        Assert.True(string.CompareOrdinal(rows["hanako"].Port25, rows["hanako"].Submission) < 0, "hanako's port 25 message came before her first on 587");
        Assert.True(string.CompareOrdinal(rows["hanako"].Submission, rows["taro"].Port25) < 0);
    }
}
