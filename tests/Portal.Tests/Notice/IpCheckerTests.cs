using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notice;

public sealed class IpCheckerTests(IpCheckerTests.Portal portal) : IClassFixture<IpCheckerTests.Portal>
{
    public sealed class Portal() : PortalFactory(new Dictionary<string, string?>
    {
        ["Isp:DynamicRanges:0"] = "192.0.2.0/25",
        ["Isp:DynamicRanges:1"] = "2001:db8:1::/48",
    });

    [Theory]
    [InlineData("192.0.2.0", "192.0.2.0/25")]
    [InlineData("192.0.2.127", "192.0.2.0/25")]
    [InlineData("2001:db8:1::1", "2001:db8:1::/48")]
    [InlineData("2001:db8:1:ffff:ffff:ffff:ffff:ffff", "2001:db8:1::/48")]
    [InlineData("::ffff:192.0.2.5", "192.0.2.0/25")]
    [InlineData("１９２．０．２．５", "192.0.2.0/25")]
    [InlineData("192。0。2。5", "192.0.2.0/25")]
    [InlineData("２００１：ｄｂ８：１：：１", "2001:db8:1::/48")]
    public async Task An_address_in_a_dynamic_range_is_reported_with_its_range(string ip, string range)
    {
        var page = await Check(ip, "en");

        Assert.Equal($"It is in a dynamic range ({range}). A mail server on this address can no longer send mail directly.",
            page.QuerySelector("#ip-result p:last-child")?.TextContent);
        Assert.Null(page.QuerySelector("#ip-error"));
    }

    [Theory]
    [InlineData("192.0.2.128")]
    [InlineData("192.0.1.255")]
    [InlineData("2001:db8:2::1")]
    [InlineData("198.51.100.7")]
    public async Task An_address_outside_the_ranges_is_not_dynamic(string ip)
    {
        var page = await Check(ip, "ja");

        Assert.Equal("サンプルネットの動的IPアドレスの範囲には入っていません。", page.QuerySelector("#ip-result p:last-child")?.TextContent);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("192.0.2")]
    [InlineData("192.0.2.1/24")]
    [InlineData("999.1.1.1")]
    [InlineData("2001:db8:::1")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("203.000.113.010")]
    [InlineData("0xCB.0.113.5")]
    [InlineData("[2001:db8:1::1]:25")]
    [InlineData("fe80::1%eth0")]
    [InlineData("192.0.2.1:25")]
    [InlineData("3232235777")]
    public async Task Anything_else_gets_a_clear_error_and_is_shown_back_safely(string ip)
    {
        using var client = portal.CreateClient();
        var html = await client.GetStringAsync($"/own-mail-server?culture=en&ip={Uri.EscapeDataString(ip)}");
        var page = await PageReader.GetAsync(client, $"/own-mail-server?culture=en&ip={Uri.EscapeDataString(ip)}");

        Assert.Equal($"'{ip}' is not an IP address. Type it like 203.0.113.10 or 2001:db8::1.", page.QuerySelector("#ip-error")?.TextContent);
        Assert.Equal("true", page.QuerySelector("#ip")?.GetAttribute("aria-invalid"));
        Assert.Equal(ip, page.QuerySelector("#ip")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#ip-result"));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_box_says_what_is_missing_and_a_huge_paste_is_refused_shortened()
    {
        var empty = await Check("", "en");
        var huge = await Check(new string('1', 5000), "en");

        Assert.StartsWith("Type an IP address (for example 203.0.113.10)", empty.QuerySelector("#ip-error")?.TextContent, StringComparison.Ordinal);
        Assert.Null(empty.QuerySelector("#ip-result"));
        Assert.EndsWith("' is not an IP address. Type it like 203.0.113.10 or 2001:db8::1.", huge.QuerySelector("#ip-error")?.TextContent, StringComparison.Ordinal);
        Assert.True(huge.QuerySelector("#ip-error")!.TextContent.Length < 300);
    }

    [Fact]
    public void An_invalid_range_in_the_configuration_is_named()
    {
        var problems = new ConfigurationProblemsProbe(new Dictionary<string, string?> { ["Isp:DynamicRanges:0"] = "192.0.2.0/33" }).Problems();

        Assert.Contains("Isp:DynamicRanges:0: '192.0.2.0/33' is not a network in CIDR form (e.g. 10.0.0.0/24 or 2001:db8::/32)", problems);
    }

    private async Task<AngleSharp.Dom.IDocument> Check(string ip, string language)
    {
        using var client = portal.CreateClient();
        return await PageReader.GetAsync(client, $"/own-mail-server?culture={language}&ip={Uri.EscapeDataString(ip)}");
    }
}
