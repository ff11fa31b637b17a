using Portal.Core.Guides;
using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Guides;

public sealed class GuidePagesTests(GuidePagesTests.Portal portal) : IClassFixture<GuidePagesTests.Portal>
{
    public sealed class Portal() : PortalFactory(new Dictionary<string, string?> { ["Isp:Submission:Host"] = "smtp.example.jp" });

    public static TheoryData<string, string> GuidesInBothLanguages()
    {
        var rows = new TheoryData<string, string>();
        foreach (var id in GuideContentTests.NoticePrograms.Concat(GuideContentTests.TodaysPrograms))
        {
            rows.Add(id, "ja");
            rows.Add(id, "en");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(GuidesInBothLanguages))]
    public async Task Every_guide_renders_its_steps_with_pictures_and_matching_callouts(string id, string language)
    {
        using var client = portal.CreateClient();
        var guide = GuideLibrary.Load(GuideContentTests.Content).Find(id, language)!;

        var page = await PageReader.GetAsync(client, $"/guides/{id}?culture={language}");

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        var steps = page.QuerySelectorAll("#steps > li.step");
        Assert.Equal(guide.Steps.Select(s => $"step-{s.Id}"), steps.Select(s => s.Id));
        foreach (var step in steps)
        {
            var svg = step.QuerySelector("figure.step__picture svg");
            Assert.NotNull(svg);
            Assert.False(string.IsNullOrWhiteSpace(svg!.QuerySelector("title")?.TextContent), $"{id} {step.Id}: picture without a title");
            var drawn = svg.QuerySelectorAll("circle.dialog-picture__callout").Select(c => c.NextElementSibling!.TextContent).ToHashSet();
            var explained = step.QuerySelectorAll(".step__text .callout").Select(c => c.TextContent).ToList();
            Assert.All(explained, n => Assert.Contains(n, drawn));
        }

        // This ISP offers STARTTLS only, which Outlook Express 6 cannot use on that port: its card says so instead.
        if (id == "outlook-express-6") Assert.NotNull(page.QuerySelector("#settings-none"));
        else Assert.Equal("smtp.example.jp", page.QuerySelector("#settings-host")?.TextContent);
        Assert.Equal($"/test?client={id}", page.QuerySelector("#test-link")?.GetAttribute("href"));
        Assert.All(page.QuerySelectorAll("#if-it-fails a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));
        Assert.NotNull(page.QuerySelector("#personalise[hidden] input#member-address[type=email]"));
        Assert.Contains(page.QuerySelectorAll("script"), s => s.GetAttribute("src")?.StartsWith("/js/guide.js", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_unknown_program_is_a_friendly_404()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/guides/outlook-2099?culture=en");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await PageReader.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130 Safari/537.36", "windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15", "mac")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "ios")]
    [InlineData("Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36", "android")]
    public async Task The_picker_suggests_the_visitors_platform_first(string userAgent, string platform)
    {
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);

        var page = await PageReader.GetAsync(client, "/guides?culture=en");

        var groups = page.QuerySelectorAll("section.picker-group").ToList();
        Assert.Equal($"platform-{platform}", groups[0].Id);
        Assert.Contains("picker-group--suggested", groups[0].ClassList);
        Assert.Single(page.QuerySelectorAll(".picker-group--suggested"));
        Assert.All(groups[0].QuerySelectorAll("a.picker__item"), a => Assert.StartsWith("/guides/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_known_platform_the_picker_lists_every_program_by_platform()
    {
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, "/guides");

        Assert.Empty(page.QuerySelectorAll(".picker-group--suggested"));
        var ids = page.QuerySelectorAll("a.picker__item").Select(a => a.GetAttribute("data-program")).ToHashSet();
        Assert.Empty(GuideContentTests.NoticePrograms.Concat(GuideContentTests.TodaysPrograms).Except(ids!));
    }

    [Fact]
    public async Task The_error_lookup_leads_from_a_program_and_its_error_to_the_step_that_fixes_it()
    {
        using var client = portal.CreateClient();

        var start = await PageReader.GetAsync(client, "/guides/errors?culture=en");
        var chosen = await PageReader.GetAsync(client, "/guides/errors?culture=en&client=outlook-express-6");
        var errorId = chosen.QuerySelectorAll("#error option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v));
        var answer = await PageReader.GetAsync(client, $"/guides/errors?culture=en&client=outlook-express-6&error={errorId}");

        Assert.Null(start.QuerySelector("#error"));
        Assert.True(chosen.QuerySelectorAll("#error option").Length > 4);
        var link = answer.QuerySelector("#answer-step")?.GetAttribute("href");
        Assert.StartsWith("/guides/outlook-express-6#step-", link, StringComparison.Ordinal);
        var guide = await PageReader.GetAsync(client, link!.Split('#')[0] + "?culture=en");
        Assert.NotNull(guide.GetElementById(link.Split('#')[1]));
    }

    [Fact]
    public async Task Authentication_required_leads_to_the_authentication_step_of_each_program()
    {
        using var client = portal.CreateClient();
        var library = GuideLibrary.Load(GuideContentTests.Content);
        var authRequired = library.CommonErrors("en").First(e => e.Fix == "auth");

        foreach (var guide in library.All("en"))
        {
            var answer = await PageReader.GetAsync(client, $"/guides/errors?culture=en&client={guide.Id}&error={Uri.EscapeDataString(authRequired.Id)}");
            Assert.Equal($"/guides/{guide.Id}#step-{guide.StepFixing("auth")!.Id}", answer.QuerySelector("#answer-step")?.GetAttribute("href"));
        }
    }

    [Theory]
    [InlineData("client=nowhere", "We do not know that mail program. Please choose one from the list.")]
    [InlineData("client=outlook-express-6&error=0xdeadbeef", "We do not know that error for this program. Please choose one from the list.")]
    public async Task A_stale_lookup_link_explains_itself(string query, string message)
    {
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, $"/guides/errors?culture=en&{query}");

        Assert.Equal(message, page.QuerySelector("#lookup-problem")?.TextContent);
    }

    [Fact]
    public async Task The_test_page_knows_the_program_it_was_sent_from()
    {
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, "/test?culture=en&client=becky-2");

        Assert.Contains("Becky!", page.QuerySelector("#probe-program")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/guides/becky-2", page.QuerySelector("#probe-program a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Whats_new_lists_the_guide_changes_newest_first()
    {
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, "/whats-new?culture=en");

        var dates = page.QuerySelectorAll("#news time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Contains("2007-04-03", dates);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }
}
