using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.CheckMail;

/// <summary>A member checks their mail program: the page shows a code, the message goes through the demo server, the verdict appears in place.</summary>
[Collection("browser")]
public sealed class CheckMailBrowserTests(BrowserFixture browser)
{
    [Fact]
    public Task The_verdict_appears_without_a_reload_once_the_message_arrives() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        var page = session.Page;

        await page.GotoAsync("/check?culture=en");
        await page.GetByLabel("Your mail program (if you know it)").SelectOptionAsync("thunderbird");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get my code" }).ClickAsync();
        // The address is enough: what follows waits for its own elements, not for the load event (which the status polling page
        // reached here, yet a waiter attached after it once missed).
        await page.WaitForURLAsync("**/check/*", new() { WaitUntil = WaitUntilState.Commit });
        var code = (await page.Locator("#check-code").TextContentAsync())!.Trim();
        var address = (await page.Locator("#check-address").TextContentAsync())!.Trim();
        await Expect(page.Locator("#check-mailto")).ToHaveAttributeAsync("href", $"mailto:{address}?subject={code}");
        await Expect(page.Locator("#check-status")).ToHaveAttributeAsync("data-state", "waiting");
        // A marker on the window: it survives only if the page is never reloaded.
        await page.EvaluateAsync("() => window.checkMarker = 'same page'");

        var factory = browser.Factory;
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(factory.Setting("Demo:CertificateFile")!, null);
        await CheckMailSender.SendAsync(CheckMailSender.Message("demo@example.jp", address, code, "Mozilla Thunderbird 128.5.0"),
            int.Parse(factory.Setting("Demo:Port")!), SecureSocketOptions.StartTls, certificate, "demo@example.jp", "demo-587-pass");

        await Expect(page.Locator("#check-verdict")).ToHaveAttributeAsync("data-verdict", "AllSet", new() { Timeout = 5_000 });
        await Expect(page.Locator("#check-verdict h2")).ToHaveTextAsync("All set");
        await Expect(page.Locator("#check-program a")).ToHaveAttributeAsync("href", "/guides/thunderbird");
        await Expect(page.Locator(".check-code")).ToBeHiddenAsync();
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.checkMarker"));
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("check-mail-all-set-en.png"), FullPage = true });
        Assert.Empty(session.Errors);
    });

    [Fact]
    public Task Without_javascript_the_button_shows_the_result() => BrowserAssert.WithinTimeout(async () =>
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), JavaScriptEnabled = false });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/check");
            await page.Locator("#check-get-code").ClickAsync();
            // The address is enough: what follows waits for its own elements, not for the load event (which the status polling page
        // reached here, yet a waiter attached after it once missed).
        await page.WaitForURLAsync("**/check/*", new() { WaitUntil = WaitUntilState.Commit });
            var code = (await page.Locator("#check-code").TextContentAsync())!.Trim();
            var factory = browser.Factory;
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(factory.Setting("Demo:CertificateFile")!, null);
            await CheckMailSender.SendAsync(CheckMailSender.Message("demo@example.jp", "check@example.jp", code, "Becky! ver. 2.75.01"),
                int.Parse(factory.Setting("Demo:Port")!), SecureSocketOptions.StartTls, certificate, "demo@example.jp", "demo-587-pass");

            await page.Locator("#check-refresh").ClickAsync();

            await Expect(page.Locator("#check-verdict")).ToHaveAttributeAsync("data-verdict", "AllSet");
            await Expect(page.Locator("#check-verdict h2")).ToHaveTextAsync("設定は完了しています");
        }
        finally
        {
            await context.CloseAsync();
        }
    });
}
