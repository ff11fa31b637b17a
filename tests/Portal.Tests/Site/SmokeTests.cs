using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>Every public route, in both languages: status, content type, language and security headers.</summary>
public sealed class SmokeTests(SmokeTests.Portal portal) : IClassFixture<SmokeTests.Portal>
{
    public sealed class Portal : PortalFactory;

    public static readonly string[] PageRoutes =
        ["/", "/overview", "/how-it-works", "/guides", "/test", "/own-mail-server", "/schedule", "/other-providers", "/whats-new",
         "/guides/errors", "/guides/outlook-express-6", "/guides/iphone-mail"];

    public static TheoryData<string, string> PagesInBothLanguages()
    {
        var rows = new TheoryData<string, string>();
        foreach (var route in PageRoutes)
        {
            rows.Add(route, "ja");
            rows.Add(route, "en");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(PagesInBothLanguages))]
    public async Task Every_page_answers_in_its_language_with_the_security_headers(string route, string language)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(language == "ja" ? route : $"{route}?culture={language}");


        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        AssertSecurityHeaders(response);
        var page = await PageReader.ParseAsync(response);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("h1")?.TextContent));
        Assert.Contains("|", page.Title, StringComparison.Ordinal);
        Assert.Equal(language == "ja", ContainsJapanese(page.QuerySelector("h1")!.TextContent));
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/css/print.css", "text/css")]
    [InlineData("/img/favicon.svg", "image/svg+xml")]
    [InlineData("/js/guide.js", "text/javascript")]
    [InlineData("/healthz", "text/plain")]
    public async Task Other_routes_answer_with_their_type_and_the_security_headers(string route, string mediaType)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("ja", "ページが見つかりません")]
    [InlineData("en", "Page not found")]
    public async Task An_unknown_address_gets_a_404_page_in_the_language(string language, string title)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync($"/no-such-page?culture={language}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
        var page = await PageReader.ParseAsync(response);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.QuerySelector("h1")?.TextContent);
        Assert.Contains("404", page.QuerySelector("#error-status")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_page_asked_for_directly_keeps_the_status_it_shows()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/error/503?culture=en");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await PageReader.ParseAsync(response);
        Assert.Equal("Something went wrong", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Japanese_is_written_as_text_not_as_character_references()
    {
        using var client = portal.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("メール", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x30E1;", html, StringComparison.Ordinal);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    private static bool ContainsJapanese(string text) =>
        text.Any(c => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff');
}
