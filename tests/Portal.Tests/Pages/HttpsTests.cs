using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Pages;

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
}
