using System.Net;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Dom;
using MailKit.Security;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.CheckMail;

/// <summary>
/// "Check my mail program" end to end in demo mode: a code from the page, a message through the demo submission
/// server (STARTTLS or TLS from the start, with AUTH), and the verdict on the code's page.
/// </summary>
public sealed class CheckMailPageTests
{
    private const string Account = "demo@example.jp";
    private const string Password = "demo-587-pass";
    private const string CheckAddress = "check@example.jp";

    internal static async Task<(string PagePath, string Code)> GetCodeAsync(HttpClient client, string? program = null)
    {
        var form = await PageReader.GetAsync(client, "/check?culture=en");
        using var response = await client.PostAsync("/check?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(form), ["client"] = program ?? "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString;
        Assert.Matches("^/check/[0-9a-f]{32}$", path);
        var page = await PageReader.GetAsync(client, path + "?culture=en");
        return (path, page.QuerySelector("#check-code")!.TextContent.Trim());
    }

    internal static async Task<IDocument> WaitForVerdictAsync(HttpClient client, string pagePath, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var status = await PageReader.GetAsync(client, pagePath + "?handler=status&culture=en");
            if (status.QuerySelector("#check-status")!.GetAttribute("data-state") != "waiting" || DateTime.UtcNow > deadline) return status;
            await Task.Delay(100);
        }
    }

    private static PortalFactory Portal() => new();

    private static HttpClient Client(PortalFactory portal) =>
        portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    private static X509Certificate2 DemoCertificate(PortalFactory portal) => X509CertificateLoader.LoadPkcs12FromFile(portal.Setting("Demo:CertificateFile")!, null);

    [Fact]
    public async Task The_page_shows_a_code_the_check_address_and_a_mailto_link_with_the_code_as_subject()
    {
        using var portal = Portal();
        using var client = Client(portal);

        var (path, code) = await GetCodeAsync(client, "becky-2");
        var page = await PageReader.GetAsync(client, path + "?culture=en");

        Assert.Matches("^[ACDEFGHJKMNPQRTWXY34679]{3}-[ACDEFGHJKMNPQRTWXY34679]{3}$", code);
        Assert.Equal(CheckAddress, page.QuerySelector("#check-address")!.TextContent);
        Assert.Equal($"mailto:{CheckAddress}?subject={code}", page.QuerySelector("#check-mailto")!.GetAttribute("href"));
        Assert.Equal("waiting", page.QuerySelector("#check-status")!.GetAttribute("data-state"));
        Assert.Equal(path, page.QuerySelector("#check-refresh")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(false, 587)]
    [InlineData(true, 465)]
    public async Task A_message_sent_through_the_demo_server_with_the_code_gets_all_set_and_names_the_program(bool implicitTls, int port)
    {
        using var portal = Portal();
        using var client = Client(portal);
        var (path, code) = await GetCodeAsync(client);

        var message = CheckMailSender.Message(Account, CheckAddress, $"Test {code.ToLowerInvariant()}", "Becky! ver. 2.75.01 [ja]");
        await CheckMailSender.SendAsync(message, int.Parse(portal.Setting(implicitTls ? "Demo:ImplicitTlsPort" : "Demo:Port")!),
            implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls, DemoCertificate(portal), Account, Password);
        var status = await WaitForVerdictAsync(client, path);

        Assert.Equal("AllSet", status.QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        Assert.Contains($"port {port}", status.QuerySelector("#check-verdict-text")!.TextContent);
        Assert.Equal($"{port} (recorded by our server)", status.QuerySelector("#check-port")!.TextContent.Trim());
        Assert.Equal(("Yes", "Yes"), (status.QuerySelector("#check-auth")!.TextContent, status.QuerySelector("#check-tls")!.TextContent));
        Assert.Equal("/guides/becky-2", status.QuerySelector("#check-program a")!.GetAttribute("href"));
        Assert.Contains("127.0.0.1", status.QuerySelector("#check-ip")!.TextContent);
        Assert.Null(status.QuerySelector("#check-fix-step"));
    }

    [Fact]
    public async Task When_nothing_arrives_the_page_says_what_usually_causes_it_with_the_fixing_steps_and_keeps_waiting()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var portal = new PortalFactory(services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(s, clock));
        using var client = Client(portal);
        var (path, code) = await GetCodeAsync(client, "becky-2");

        var early = await PageReader.GetAsync(client, path + "?handler=status&culture=en");
        clock.Advance(TimeSpan.FromMinutes(2));
        var later = await PageReader.GetAsync(client, path + "?handler=status&culture=en");
        var guide = await PageReader.GetAsync(client, "/guides/becky-2?culture=en");

        Assert.Null(early.QuerySelector("#check-hints"));
        Assert.Equal("waiting", later.QuerySelector("#check-status")!.GetAttribute("data-state"));
        var hints = later.QuerySelectorAll("#check-hints li");
        Assert.Equal(["Port25", "NoAuth", "Address", "Subject"], hints.Select(h => h.GetAttribute("data-hint")));
        Assert.Contains(CheckAddress, hints[2].TextContent, StringComparison.Ordinal);
        Assert.Contains(code, hints[3].TextContent, StringComparison.Ordinal);
        // Each hint leads to the step of the member's guide that fixes it, and that step is on the guide's page.
        foreach (var link in hints.Select(h => h.QuerySelector("a")!.GetAttribute("href")!))
        {
            Assert.StartsWith("/guides/becky-2#step-", link, StringComparison.Ordinal);
            Assert.NotNull(guide.GetElementById(link.Split('#')[1]));
        }
    }

    [Fact]
    public async Task The_code_is_used_once_and_a_message_without_one_changes_nothing()
    {
        using var portal = Portal();
        using var client = Client(portal);
        var (path, code) = await GetCodeAsync(client);
        var port = int.Parse(portal.Setting("Demo:Port")!);
        var certificate = DemoCertificate(portal);

        await CheckMailSender.SendAsync(CheckMailSender.Message(Account, CheckAddress, "no code here"), port, SecureSocketOptions.StartTls, certificate, Account, Password);
        await CheckMailSender.SendAsync(CheckMailSender.Message(Account, "someone@example.jp", code), port, SecureSocketOptions.StartTls, certificate, Account, Password);
        Assert.Equal("waiting", (await PageReader.GetAsync(client, path + "?handler=status")).QuerySelector("#check-status")!.GetAttribute("data-state"));

        await CheckMailSender.SendAsync(CheckMailSender.Message(Account, CheckAddress, code, "Microsoft Outlook Express 6.00.2900.5512"), port, SecureSocketOptions.StartTls, certificate, Account, Password);
        Assert.Equal("/guides/outlook-express-6", (await WaitForVerdictAsync(client, path)).QuerySelector("#check-program a")!.GetAttribute("href"));

        await CheckMailSender.SendAsync(CheckMailSender.Message(Account, CheckAddress, code, "Becky! ver. 2.75.01"), port, SecureSocketOptions.StartTls, certificate, Account, Password);
        Assert.Equal("/guides/outlook-express-6", (await WaitForVerdictAsync(client, path)).QuerySelector("#check-program a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_unknown_page_is_not_found_and_the_form_needs_its_antiforgery_token()
    {
        using var portal = Portal();
        using var client = Client(portal);

        using var unknown = await client.GetAsync("/check/0123456789abcdef0123456789abcdef");
        using var forged = await client.PostAsync("/check", new FormUrlEncodedContent(new Dictionary<string, string> { ["client"] = "" }));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Too_many_codes_from_one_address_are_refused_with_when_to_come_back()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["CheckMail:CodesPerClientIpPerHour"] = "1" });
        using var client = Client(portal);
        await GetCodeAsync(client);

        var form = await PageReader.GetAsync(client, "/check?culture=en");
        using var response = await client.PostAsync("/check?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(form), ["client"] = "",
        }));
        var page = await PageReader.ParseAsync(response);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Please try again at about", page.QuerySelector("#check-problem")!.TextContent);
    }

    [Fact]
    public async Task Outside_demo_mode_without_a_check_address_the_page_says_the_check_is_off()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Isp:Submission:Host"] = "smtp.example.jp" });
        using var client = Client(portal);

        var page = await PageReader.GetAsync(client, "/check?culture=en");

        Assert.NotNull(page.QuerySelector("#check-off"));
        Assert.Null(page.QuerySelector("#check-form"));
    }
}
