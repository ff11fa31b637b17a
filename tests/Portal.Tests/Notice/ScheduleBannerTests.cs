using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notice;

public sealed class ScheduleBannerTests
{
    private static readonly ScheduleOptions Notice = new();

    [Theory]
    [InlineData("2006-01-31", MovePhase.Announced)]
    [InlineData("2006-02-01", MovePhase.ParallelRun)]
    [InlineData("2006-05-31", MovePhase.ParallelRun)]
    [InlineData("2006-06-01", MovePhase.Port25Blocked)]
    [InlineData("2026-11-28", MovePhase.Port25Blocked)]
    [InlineData("2005-10-31", MovePhase.Announced)]
    public void The_phase_changes_on_the_notice_dates(string day, MovePhase expected)
    {
        Assert.Equal(expected, Notice.PhaseOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2006-01-15T12:00:00+09:00", "ja", "2006年2月1日から587番ポートが使えるようになります。2006年6月1日には25番ポートが使えなくなります（あと137日）。")]
    [InlineData("2006-05-22T00:00:00+09:00", "ja", "2006年6月1日に25番ポートでの送信が止まります（あと10日）。いまのうちに587番ポートとSMTP認証に切り替えてください。")]
    [InlineData("2006-05-31T23:59:00+09:00", "en", "From tomorrow (1 June 2006), port 25 is closed for sending. Switch to port 587 with SMTP authentication now.")]
    [InlineData("2006-05-31T15:00:00+00:00", "en", "Since 1 June 2006, port 25 is closed for sending. Use port 587 with SMTP authentication.")]
    public async Task Every_page_carries_the_banner_for_today_in_the_ISPs_time_zone(string now, string language, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        using var portal = new PortalFactory(services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = portal.CreateClient();

        foreach (var route in new[] { "/", "/schedule", "/guides" })
        {
            var page = await PageReader.GetAsync(client, $"{route}?culture={language}");
            Assert.Equal(expected, page.QuerySelector("#schedule-banner .schedule-banner__text")?.TextContent.Trim());
            Assert.Equal("/guides", page.QuerySelector("#schedule-banner a")?.GetAttribute("href"));
        }
    }
}
