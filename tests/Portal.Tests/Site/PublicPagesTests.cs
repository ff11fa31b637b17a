using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>
/// Guide and notice pages are the same for every anonymous member: rendered once per language and day, served from
/// memory, cacheable, compressed, holding nothing of one visitor; personalised and staff pages never are.
/// </summary>
public sealed class PublicPagesTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("/guides/outlook-express-6")]
    [InlineData("/guides")]
    [InlineData("/")]
    [InlineData("/schedule")]
    public async Task A_public_page_is_rendered_once_then_served_from_memory_and_marked_cacheable(string path)
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var first = await GetAsync(client, path + "?culture=en");
        using var second = await GetAsync(client, path + "?culture=en");
        var body = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age); // served from the output cache
        Assert.Equal(await first.Content.ReadAsStringAsync(), body);
        Assert.True(second.Headers.CacheControl!.Public);
        Assert.Contains("Cookie", second.Headers.Vary);
        // With a validator: a browser that holds the page asks "still this?" and gets a 304 without the body.
        Assert.NotNull(second.Headers.ETag);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, path + "?culture=en");
        revalidate.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        using var notModified = await client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.DoesNotContain("__RequestVerificationToken", body, StringComparison.Ordinal);
        // Nothing of one visitor: no antiforgery or session cookie; only the language a ?culture= link names, as for everyone.
        Assert.All(second.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => Assert.StartsWith(".AspNetCore.Culture=c%3Den", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_language_and_each_day_has_its_own_copy()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2006, 5, 20, 3, 0, 0, TimeSpan.Zero));
        using var portal = new PortalFactory(services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = portal.CreateClient(NoRedirects);

        var en = await (await GetAsync(client, "/guides/becky-2?culture=en")).Content.ReadAsStringAsync();
        var ja = await (await GetAsync(client, "/guides/becky-2?culture=ja")).Content.ReadAsStringAsync();
        var banner = (await PageReader.GetAsync(client, "/guides/becky-2?culture=en")).QuerySelector("#schedule-banner")!.TextContent;
        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = (await PageReader.GetAsync(client, "/guides/becky-2?culture=en")).QuerySelector("#schedule-banner")!.TextContent;

        Assert.Contains("lang=\"en\"", en, StringComparison.Ordinal);
        Assert.Contains("lang=\"ja\"", ja, StringComparison.Ordinal);
        Assert.Contains("(12 days to go)", banner, StringComparison.Ordinal);
        Assert.Contains("(11 days to go)", tomorrow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_pages_and_static_files_are_compressed_but_a_page_with_a_form_token_is_not()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);
        var home = await PageReader.GetAsync(client, "/?culture=en");
        var stylesheet = home.QuerySelector("link[rel=stylesheet][href^='/css/site.css']")!.GetAttribute("href")!;

        using var guide = await GetAsync(client, "/guides/thunderbird?culture=en", "br");
        using var gzip = await GetAsync(client, "/overview?culture=en", "gzip");
        using var css = await GetAsync(client, stylesheet, "br");
        using var probe = await GetAsync(client, "/test?culture=en", "br");

        Assert.Equal("br", Assert.Single(guide.Content.Headers.ContentEncoding));
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Equal("br", Assert.Single(css.Content.Headers.ContentEncoding));
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(365), css.Headers.CacheControl.MaxAge);
        // The test page carries an antiforgery token: compressing it over HTTPS would expose the token (BREACH).
        Assert.Empty(probe.Content.Headers.ContentEncoding);
        Assert.Null(probe.Headers.Age);
    }

    [Fact]
    public async Task A_support_links_personal_page_and_a_visitors_own_address_are_never_cached()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var mine1 = await GetAsync(client, "/own-mail-server?mine=true&culture=en");
        using var mine2 = await GetAsync(client, "/own-mail-server?mine=true&culture=en");
        using var linked1 = await GetAsync(client, "/guides/thunderbird?link=garbage&culture=en");
        using var linked2 = await GetAsync(client, "/guides/thunderbird?link=garbage&culture=en");

        Assert.Null(mine2.Headers.Age);
        Assert.Null(linked2.Headers.Age);
    }

    [Fact]
    public async Task The_forms_on_public_pages_refuse_a_post_from_another_site()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);
        var fields = new Dictionary<string, string> { ["Step"] = "basic-server", ["Language"] = "en" };

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/guides/becky-2/screen-differs") { Content = new FormUrlEncodedContent(fields) };
        crossSite.Headers.Add("Origin", "https://evil.example");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var refused = await client.SendAsync(crossSite);
        using var language = new HttpRequestMessage(HttpMethod.Post, "/language") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }) };
        language.Headers.Add("Origin", "https://evil.example");
        using var languageRefused = await client.SendAsync(language);
        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "/guides/becky-2/screen-differs") { Content = new FormUrlEncodedContent(fields) };
        sameSite.Headers.Add("Origin", "https://localhost");
        sameSite.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var accepted = await client.SendAsync(sameSite);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, languageRefused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }
}
