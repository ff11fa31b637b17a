using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Probe;

/// <summary>A member tests their settings: the steps appear as they complete, then the result.</summary>
[Collection("browser")]
public sealed class ProbeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public Task A_member_fills_the_form_watches_the_steps_and_sees_a_pass() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        var page = session.Page;
        var stepsSeen = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/test/run", StringComparison.Ordinal)) stepsSeen.Add(response.Headers.GetValueOrDefault("content-type", ""));
        };

        // The page moves on to the result as soon as the probe ends: record each live step as it is added, across the navigation.
        await page.AddInitScriptAsync("""
            new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
                if (n.tagName === 'LI' && n.dataset.step) sessionStorage.setItem('seen', (sessionStorage.getItem('seen') || '') + n.dataset.step + ':' + n.textContent + '|');
            }))).observe(document, { childList: true, subtree: true });
            """);
        await page.GotoAsync("/test?culture=en&client=thunderbird");
        await page.GetByLabel("Mail address (your user name)").FillAsync("demo@example.jp");
        await page.GetByLabel("Password (the one you use to receive mail)").FillAsync("demo-587-pass");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test my settings" }).ClickAsync();

        await page.WaitForURLAsync("**/test/r/*");
        var seen = (await page.EvaluateAsync<string>("() => sessionStorage.getItem('seen') || ''")).Split('|', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["resolve", "connect", "greeting", "ehlo", "tls", "ehlo-again", "auth-mechanisms", "authenticate", "sender", "quit"], seen.Select(l => l.Split(':')[0]));
        Assert.Contains(seen, l => l.StartsWith("authenticate:Sign in (SMTP-AUTH): OK", StringComparison.Ordinal));
        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "pass");
        await Expect(page.Locator("#verdict h2")).ToHaveTextAsync("All good: you can send with these settings");
        Assert.Contains(stepsSeen, t => t.StartsWith("application/x-ndjson", StringComparison.Ordinal));
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("probe-pass-en.png"), FullPage = true });
        Assert.Empty(session.Errors);
    });

    [Fact]
    public Task With_a_wrong_password_the_member_sees_the_remedy_linking_to_their_guide() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Phone, isMobile: true);
        var page = session.Page;

        await page.GotoAsync("/test?client=outlook-express-6");
        await page.Locator("#account").FillAsync("demo@example.jp");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("#probe-run").ClickAsync();

        await page.WaitForURLAsync("**/test/r/*");
        await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-diagnosis", "auth-failed");
        await Expect(page.Locator("#diagnosis-cause")).ToContainTextAsync("ユーザー名かパスワードが違います");
        await page.Locator("#fix-step").ClickAsync();
        await page.WaitForURLAsync("**/guides/outlook-express-6#step-*");
        var anchor = new Uri(page.Url).Fragment.TrimStart('#');
        await Expect(page.Locator($"#{anchor}")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("probe-fail-ja-phone.png") });
    });

    [Fact]
    public Task Without_javascript_the_form_still_works() => BrowserAssert.WithinTimeout(async () =>
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), JavaScriptEnabled = false });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/test?culture=en");
            await page.Locator("#account").FillAsync("demo@example.jp");
            await page.Locator("#password").FillAsync("demo-587-pass");
            await page.Locator("#probe-run").ClickAsync();

            try
            {
                await page.WaitForURLAsync("**/test/r/*", new() { Timeout = 45_000 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"no result page; the page shows: {await page.Locator("main").InnerTextAsync()}");
            }

            await Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "pass");
        }
        finally
        {
            await context.CloseAsync();
        }
    });
}
