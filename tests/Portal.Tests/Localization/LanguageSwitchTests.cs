using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Tests.Localization;

public sealed class LanguageSwitchTests(LanguageSwitchTests.Portal portal) : IClassFixture<LanguageSwitchTests.Portal>
{
    public sealed class Portal : PortalFactory;

    [Fact]
    public async Task Choosing_English_sets_the_cookie_and_returns_to_the_page()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false, HandleCookies = true });
        // The header's form carries no token (public pages are cached for everyone): it is checked for a same-origin post.
        Assert.Null((await PageReader.GetAsync(client, "/schedule")).QuerySelector("form.language-switch input[name=__RequestVerificationToken]"));

        using var response = await Post(client, "en", "/schedule?culture=ja&x=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/schedule?x=1", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("c%3Den%7Cuic%3Den", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var page = await PageReader.GetAsync(client, "/schedule");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_link_that_names_the_language_keeps_it_for_the_next_pages()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, HandleCookies = true });

        var linked = await PageReader.GetAsync(client, "/guides/thunderbird?culture=en");
        var next = await PageReader.GetAsync(client, "/schedule");

        Assert.Equal("en", linked.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", next.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task An_unknown_language_in_a_link_changes_nothing()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, HandleCookies = true });

        using var response = await client.GetAsync("/schedule?culture=fr");
        var next = await PageReader.GetAsync(client, "/schedule");

        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
        Assert.Equal("ja", next.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task A_return_address_off_the_site_goes_home(string returnUrl)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });

        using var response = await Post(client, "en", returnUrl);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_is_refused_with_a_reason()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });

        using var response = await Post(client, "fr", "/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown language 'fr'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_a_browser_says_came_from_another_site_is_refused()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/language") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/guides", "/guides")]
    [InlineData("/guides?culture=en", "/guides")]
    [InlineData("/a?ui-culture=en&b=2&culture=ja", "/a?b=2")]
    public void The_culture_query_is_dropped_from_the_return_address(string url, string expected)
    {
        Assert.Equal(expected, LanguageController.WithoutCultureQuery(url));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string culture, string returnUrl) =>
        client.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = culture, ["returnUrl"] = returnUrl }));
}
