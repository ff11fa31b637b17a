using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notice;

public sealed class HomePageTests
{
    [Fact]
    public async Task In_demo_mode_the_home_page_shows_the_demo_account_and_server()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, "/?culture=en");

        Assert.Equal("demo@example.jp", page.QuerySelector("#demo-address")?.TextContent);
        Assert.Equal("demo-587-pass", page.QuerySelector("#demo-password")?.TextContent);
        Assert.Contains($"port {portal.Setting("Demo:Port")}", page.QuerySelector("#demo-account")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_submission_server_configured_there_is_no_demo_and_its_settings_are_shown()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Isp:Submission:Host"] = "smtp.example.jp",
            ["Isp:UserNameFormat"] = "LocalPart",
        });
        using var client = portal.CreateClient();

        var home = await PageReader.GetAsync(client, "/");
        var guides = await PageReader.GetAsync(client, "/guides?culture=en");

        Assert.Null(home.QuerySelector("#demo-account"));
        Assert.Equal("smtp.example.jp", guides.QuerySelector("#settings-host")?.TextContent);
        Assert.Equal("587", guides.QuerySelector("#settings-port")?.TextContent);
        Assert.Equal("STARTTLS", guides.QuerySelector("#settings-security")?.TextContent);
        Assert.Equal("taro", guides.QuerySelector("#settings-user")?.TextContent);
        Assert.Contains("(the part of your address before the @)", guides.QuerySelector("#settings-card")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2005-10-31", 0)]
    [InlineData("2005-11-01", 1)]
    [InlineData("2006-01-31", 1)]
    [InlineData("2006-02-01", 2)]
    [InlineData("2006-05-31", 2)]
    [InlineData("2006-06-01", 3)]
    [InlineData("2006-11-29", 3)]
    [InlineData("2006-11-30", 4)]
    public async Task The_schedule_lists_the_notice_dates_in_order_and_marks_what_has_happened(string today, int done)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse($"{today}T12:00:00+09:00", System.Globalization.CultureInfo.InvariantCulture));
        using var portal = new PortalFactory(services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, "/schedule?culture=en");

        var rows = page.QuerySelectorAll("#schedule tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["1 November 2005", "1 February 2006", "1 June 2006", "30 November 2006"], rows.Select(r => r[0]));
        Assert.Equal(Enumerable.Repeat("Done", done).Concat(Enumerable.Repeat("Coming", 4 - done)), rows.Select(r => r[2]));
    }
}
