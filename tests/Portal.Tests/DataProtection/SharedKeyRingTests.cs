using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.DataProtection;

/// <summary>Two web nodes on one database: a form rendered by one is accepted by the other.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task A_form_from_one_node_posts_to_another_node_on_the_same_database()
    {
        using var nodeA = new PortalFactory();
        using var nodeB = new PortalFactory(databaseFile: nodeA.DatabaseFile);
        var noRedirects = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false };
        using var browserA = nodeA.CreateClient(noRedirects);
        using var browserB = nodeB.CreateClient(noRedirects);

        // "Check my mail program" is a form with an antiforgery token (the guide pages' forms carry none: they are cached).
        using var page = await browserA.GetAsync("/check");
        var token = PageReader.AntiforgeryToken(await PageReader.ParseAsync(page));
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".portal.antiforgery=", StringComparison.Ordinal)).Split(';')[0];

        using var post = new HttpRequestMessage(HttpMethod.Post, "/check")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client"] = "", ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", cookie);
        using var response = await browserB.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/check/", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_on_another_database_rejects_the_form()
    {
        using var nodeA = new PortalFactory();
        using var stranger = new PortalFactory();
        using var browserA = nodeA.CreateClient();
        using var browserC = stranger.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });

        using var page = await browserA.GetAsync("/check");
        var token = PageReader.AntiforgeryToken(await PageReader.ParseAsync(page));
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".portal.antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/check")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client"] = "", ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", cookie);
        using var response = await browserC.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
