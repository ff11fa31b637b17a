using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed from the configured proxies only (ForwardedHeaders:KnownProxies or
/// KnownNetworks): from anyone else they change neither the address the per-IP limits count nor the scheme.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Stranger = IPAddress.Parse("192.0.2.50");

    private static PortalFactory Portal(params (string Key, string Value)[] proxies)
    {
        // A clock that stands still: the one-click allowance counts per minute, and no minute ends during the test.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 10, TimeSpan.Zero));
        var settings = new Dictionary<string, string?> { ["AutoSetup:RequestsPerClientIpPerMinute"] = "2" };
        foreach (var (key, value) in proxies) settings[key] = value;
        return new PortalFactory(settings, services => services.AddSingleton<TimeProvider>(clock));
    }

    /// <summary>An autoconfig request that reaches the portal from <paramref name="from"/>, claiming to be for <paramref name="claimed"/>.</summary>
    private static Task<HttpContext> Autoconfig(PortalFactory portal, IPAddress from, string claimed) => portal.Server.SendAsync(context =>
    {
        context.Connection.RemoteIpAddress = from;
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "https";
        context.Request.Path = "/.well-known/autoconfig/mail/config-v1.1.xml";
        context.Request.QueryString = new QueryString("?emailaddress=taro%40example.jp");
        context.Request.Headers["X-Forwarded-For"] = claimed;
    });

    [Fact]
    public async Task A_spoofed_X_Forwarded_For_from_an_unlisted_sender_does_not_change_the_per_IP_key()
    {
        await using var portal = Portal(("ForwardedHeaders:KnownProxies:0", Proxy.ToString()));

        var answers = new List<int>();
        foreach (var claimed in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
            answers.Add((await Autoconfig(portal, Stranger, claimed)).Response.StatusCode);

        // Each request claimed another address; all three were counted against the sender's own.
        Assert.Equal([200, 200, 429], answers);
    }

    [Fact]
    public async Task Through_a_listed_proxy_each_member_has_an_allowance_of_their_own()
    {
        await using var portal = Portal(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/24"));

        var answers = new List<int>();
        foreach (var member in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.1", "198.51.100.1" })
            answers.Add((await Autoconfig(portal, Proxy, member)).Response.StatusCode);

        Assert.Equal([200, 200, 200, 200, 429], answers);
    }

    [Fact]
    public async Task With_no_proxy_configured_the_headers_are_ignored_even_from_loopback()
    {
        await using var portal = Portal();

        var first = await Autoconfig(portal, IPAddress.Loopback, "198.51.100.1");
        var second = await Autoconfig(portal, IPAddress.Loopback, "198.51.100.2");
        var third = await Autoconfig(portal, IPAddress.Loopback, "198.51.100.3");

        Assert.Equal([200, 200, 429], new[] { first, second, third }.Select(c => c.Response.StatusCode));
        Assert.Equal(IPAddress.Loopback, third.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task Only_a_listed_proxy_can_say_the_member_came_over_https()
    {
        await using var portal = Portal(("ForwardedHeaders:KnownProxies:0", Proxy.ToString()));

        Task<HttpContext> Home(IPAddress from) => portal.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = from;
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("portal.example.jp"); // HSTS is never sent to localhost
            context.Request.Path = "/";
            context.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
            context.Request.Headers["X-Forwarded-Proto"] = "https";
        });

        var viaProxy = await Home(Proxy);
        var direct = await Home(Stranger);

        Assert.Equal(("https", IPAddress.Parse("198.51.100.1")), (viaProxy.Request.Scheme, viaProxy.Connection.RemoteIpAddress));
        Assert.True(viaProxy.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal(("http", Stranger), (direct.Request.Scheme, direct.Connection.RemoteIpAddress));
        Assert.False(direct.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }
}
