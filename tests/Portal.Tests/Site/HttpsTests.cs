using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

public sealed class HttpsTests
{
    [Fact]
    public async Task Outside_development_plain_http_is_redirected_to_https()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["https_port"] = "443" });
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://portal.example.jp") });

        using var response = await client.GetAsync("/schedule");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://portal.example.jp/schedule", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Outside_development_https_responses_carry_hsts()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example.jp") });

        using var response = await client.GetAsync("/");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task In_development_there_is_no_redirect_and_no_hsts()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["https_port"] = "443" }) { Environment = "Development" };
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://portal.example.jp") });

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Outside_development_every_cookie_the_portal_sets_is_secure()
    {
        await using var portal = await Staff.StaffPagesTests.PortalWithStaffAsync();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = PortalFactory.Https });

        using var form = await client.GetAsync("/test?culture=en");
        using var signIn = await Staff.StaffPagesTests.SignInAsync(client, "agent@example.jp");
        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();

        foreach (var name in new[] { ".portal.antiforgery=", ".AspNetCore.Culture=", ".portal.staff=" })
        {
            var cookie = Assert.Single(cookies.Where(c => c.StartsWith(name, StringComparison.Ordinal)).Distinct());
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task In_development_over_plain_http_cookies_are_not_marked_secure()
    {
        using var portal = new PortalFactory { Environment = "Development" };
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

        using var form = await client.GetAsync("/test?culture=en");

        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".portal.antiforgery=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}
