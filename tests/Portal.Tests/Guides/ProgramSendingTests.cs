using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;
using Portal.Tests.Probe;

namespace Portal.Tests.Guides;

/// <summary>
/// One truth per program: what it can send with decides the settings card, the error help and the port "test my
/// settings" tries. Outlook Express 6 does STARTTLS only on port 25, so with the ISP's STARTTLS on the submission port it
/// is sent to the implicit-TLS port, or told it cannot send securely when there is none.
/// </summary>
public sealed class ProgramSendingTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false, HandleCookies = true };

    [Fact]
    public async Task Outlook_Express_6s_card_error_help_and_probe_all_use_the_implicit_TLS_port()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);
        var startTlsPort = portal.Setting("Demo:Port")!;
        var implicitPort = portal.Setting("Demo:ImplicitTlsPort")!;

        var oe6 = await PageReader.GetAsync(client, "/guides/outlook-express-6?culture=en");
        var thunderbird = await PageReader.GetAsync(client, "/guides/thunderbird?culture=en");
        using var probe = await ProbeForm.PostAsync(client, "demo@example.jp", "demo-587-pass", "outlook-express-6");
        var result = await PageReader.GetAsync(client, probe.Headers.Location!.OriginalString + "?culture=en");

        Assert.Equal(implicitPort, oe6.QuerySelector("#settings-port")!.TextContent);
        Assert.Equal("SSL/TLS", oe6.QuerySelector("#settings-security")!.TextContent);
        Assert.Equal(startTlsPort, thunderbird.QuerySelector("#settings-port")!.TextContent);
        var help = oe6.QuerySelector("#if-it-fails")!.TextContent;
        Assert.Contains($"port {implicitPort}", help, StringComparison.Ordinal);
        Assert.DoesNotContain($"port {startTlsPort}", help, StringComparison.Ordinal);
        Assert.Equal("pass", result.QuerySelector("#verdict")?.GetAttribute("data-verdict"));
        Assert.Contains(implicitPort, result.QuerySelector("main p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_implicit_TLS_port_the_card_says_Outlook_Express_6_cannot_send_securely_and_other_programs_are_unchanged()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Demo:ImplicitTlsPort"] = "0" });
        using var client = portal.CreateClient(NoRedirects);

        var oe6 = await PageReader.GetAsync(client, "/guides/outlook-express-6?culture=en");
        var becky = await PageReader.GetAsync(client, "/guides/becky-2?culture=ja");
        using var probe = await ProbeForm.PostAsync(client, "demo@example.jp", "demo-587-pass", "outlook-express-6");
        var refused = await PageReader.ParseAsync(probe);

        // The probe says the same as the card instead of passing on a port the program cannot use.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, probe.StatusCode);
        Assert.StartsWith("The mail program you chose cannot use any of the secure", refused.QuerySelector("#probe-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", refused.QuerySelector("#program")!.GetAttribute("aria-invalid"));
        Assert.Null(oe6.QuerySelector("#settings-port"));
        Assert.StartsWith("Outlook Express 6 cannot use any of the secure", oe6.QuerySelector("#settings-none")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(portal.Setting("Demo:Port"), becky.QuerySelector("#settings-port")!.TextContent);
        Assert.Null(becky.QuerySelector("#settings-none"));
    }
}
