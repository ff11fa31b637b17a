using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
using Portal.Tests.SupportLinks;
using Portal.Tests.Staff;

namespace Portal.Tests.Notice;

/// <summary>
/// Every text a member reads follows where the move stands today: before port 587 opens, while both ports work, and
/// after port 25 has closed. The schedule is set around the real today, so each phase is the one the site lives in.
/// </summary>
public sealed class PhaseTextTests
{
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    private static readonly string[] MemberPages = ["/", "/schedule", "/overview", "/how-it-works", "/own-mail-server"];

    private static Dictionary<string, string?> Schedule(MovePhase phase)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (opens, closes) = phase switch
        {
            MovePhase.Announced => (today.AddDays(30), today.AddDays(120)),
            MovePhase.ParallelRun => (today.AddDays(-30), today.AddDays(60)),
            _ => (today.AddDays(-200), today.AddDays(-60)),
        };
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new()
        {
            ["Schedule:DynamicRangesDisclosed"] = Day(opens.AddDays(-90)), ["Schedule:ParallelRunStarts"] = Day(opens),
            ["Schedule:Port25Blocked"] = Day(closes), ["Schedule:MobileDirectSendBlocked"] = Day(closes.AddDays(180)),
        };
    }

    /// <summary>Words that only fit one side of a date: what will happen, or what has.</summary>
    private static readonly Dictionary<MovePhase, string[]> WrongIn = new()
    {
        [MovePhase.Announced] = ["Since ", "has changed", "ran from", "まででした", "変更しました", "変更しています"],
        [MovePhase.ParallelRun] = ["has changed", "ran from", "will need to change", "まででした", "変更しました", "変えることになります"],
        [MovePhase.Port25Blocked] = ["will no longer", "will stop", "stops on", "will need", "please change your settings before", "なくなります", "止まります", "より前に"],
    };

    private static readonly Dictionary<(MovePhase, string), string[]> Expected = new()
    {
        [(MovePhase.Announced, "en")] = ["Two settings in your mail program will need to change.", "once it starts on", "From "],
        [(MovePhase.Announced, "ja")] = ["2つの設定を変えることになります", "になったら、"],
        [(MovePhase.ParallelRun, "en")] = ["Two settings in your mail program need to change.", "and it is under way: please change your settings before"],
        [(MovePhase.ParallelRun, "ja")] = ["2つの設定を変えてください", "いまがその期間です"],
        [(MovePhase.Port25Blocked, "en")] = ["has changed how members send mail", "The transition ran from", "Since ", "When it changed"],
        [(MovePhase.Port25Blocked, "ja")] = ["メールの送り方を変更しました", "まででした", "いつ変わったか"],
    };

    [Theory]
    [InlineData(MovePhase.Announced, "en")]
    [InlineData(MovePhase.Announced, "ja")]
    [InlineData(MovePhase.ParallelRun, "en")]
    [InlineData(MovePhase.ParallelRun, "ja")]
    [InlineData(MovePhase.Port25Blocked, "en")]
    [InlineData(MovePhase.Port25Blocked, "ja")]
    public async Task The_member_pages_speak_of_the_dates_as_today_stands_to_them(MovePhase phase, string language)
    {
        using var portal = new PortalFactory(Schedule(phase));
        using var client = portal.CreateClient();

        var text = new List<string>();
        foreach (var route in MemberPages)
        {
            var page = await PageReader.GetAsync(client, $"{route}?culture={language}");
            Assert.Equal($"schedule-banner schedule-banner--{phase.ToString().ToLowerInvariant()}", page.QuerySelector("#schedule-banner")!.ClassName);
            text.Add(page.QuerySelector("main")!.TextContent + page.QuerySelector("#schedule-banner")!.TextContent);
        }

        var all = string.Join("\n", text);
        foreach (var expected in Expected[(phase, language)]) Assert.Contains(expected, all, StringComparison.Ordinal);
        foreach (var wrong in WrongIn[phase]) Assert.DoesNotContain(wrong, all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MovePhase.Announced, "will need to change by", "が必要になります")]
    [InlineData(MovePhase.ParallelRun, "Please change your mail program's sending settings before", "までにメールソフトの送信設定の変更をお願いします")]
    [InlineData(MovePhase.Port25Blocked, "If your mail no longer sends", "メールが送れないときは")]
    public async Task A_new_campaign_starts_from_the_text_for_today(MovePhase phase, string english, string japanese)
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync(Schedule(phase));
        using var admin = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(admin, "admin@example.jp");

        var form = await PageReader.GetAsync(admin, "/staff/campaigns?culture=en");

        Assert.Contains(english, form.QuerySelector("#subject-en")!.GetAttribute("value"), StringComparison.Ordinal);
        Assert.Contains(japanese, form.QuerySelector("#subject-ja")!.GetAttribute("value"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MovePhase.Announced, "opens on")]
    [InlineData(MovePhase.ParallelRun, "mail can only be sent through port 587")]
    [InlineData(MovePhase.Port25Blocked, "this is why a program still set to port 25 cannot send")]
    public async Task A_support_link_mail_speaks_of_the_dates_as_today_stands_to_them(MovePhase phase, string expected)
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync(Schedule(phase));
        var members = portal.Services.GetRequiredService<MemberStore>();
        await members.UpsertAsync([new MemberRow("hanako", "hanako@example.jp", "Hanako", "thunderbird", "en")], "file", CancellationToken.None);
        var hanako = (await members.FindByAddressAsync("hanako", CancellationToken.None))!;
        using var agent = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(agent, "agent@example.jp");

        using var sent = await SupportLinkPagesTests.SendToMemberAsync(agent, hanako);
        var mail = await SupportLinkPagesTests.QueuedMailAsync(portal, "support-link:");

        Assert.Contains(expected, mail.Text, StringComparison.Ordinal);
        foreach (var wrong in WrongIn[phase]) Assert.DoesNotContain(wrong, mail.Text, StringComparison.Ordinal);
    }
}
