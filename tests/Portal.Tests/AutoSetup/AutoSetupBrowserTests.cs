using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoSetup;

/// <summary>The one-click path as members meet it: first on their program's guide, and the profile downloaded from the page.</summary>
[Collection("browser")]
public sealed class AutoSetupBrowserTests(BrowserFixture browser)
{
    [Fact]
    public Task The_guides_of_programs_that_set_themselves_up_show_that_path_before_the_first_step() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        var page = session.Page;

        foreach (var (id, kind) in AutoSetupGuideTests.Expected)
        {
            await page.GotoAsync($"/guides/{id}?culture=en");
            var box = page.Locator("#auto-setup");
            await Expect(box).ToBeVisibleAsync();
            await Expect(box).ToHaveAttributeAsync("data-auto-setup", kind);
            var boxTop = (await box.BoundingBoxAsync())!.Y;
            var firstStepTop = (await page.Locator("#steps > li.step").First.BoundingBoxAsync())!.Y;
            Assert.True(boxTop < firstStepTop, $"{id}: the box ({boxTop}) should be above the first step ({firstStepTop})");
        }

        await page.GotoAsync("/guides/thunderbird");
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("auto-setup-thunderbird.png") });
        // A printed guide is the manual steps: the one-click box has nothing to offer on paper.
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Expect(page.Locator("#auto-setup")).ToBeHiddenAsync();
        await Expect(page.Locator("#steps")).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    });

    [Fact]
    public Task A_member_on_an_iPhone_gets_their_profile_from_the_guide() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Phone, isMobile: true);
        var page = session.Page;
        await page.GotoAsync("/guides/iphone-mail?culture=en");

        await page.GetByLabel("Mail address for the profile").FillAsync("hanako@example.jp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my settings profile" }).ClickAsync();
        await page.WaitForURLAsync("**/auto-setup/apple?address=hanako%40example.jp");
        await Expect(page.Locator("#profile-ready h2")).ToHaveTextAsync("Your profile for hanako@example.jp");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#profile-download").ClickAsync());

        Assert.EndsWith(".mobileconfig", download.SuggestedFilename, StringComparison.Ordinal);
        var profile = PropertyList.Read(await File.ReadAllBytesAsync((await download.PathAsync())!));
        var mail = (Dictionary<string, object>)((List<object>)profile["PayloadContent"])[0];
        Assert.Equal("hanako@example.jp", mail["EmailAddress"]);
        Assert.Equal("Sample Net mail settings", profile["PayloadDisplayName"]);
        Assert.Empty(session.Errors);
    });

    [Fact]
    public Task On_a_computer_the_QR_code_shows_without_breaking_the_content_security_policy() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        var page = session.Page;
        await page.GotoAsync("/guides/apple-mail");

        await page.Locator("#auto-setup-address").FillAsync("jiro@example.jp");
        await page.Locator("#auto-setup-get").ClickAsync();

        var qr = page.Locator("#profile-qr");
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code should have loaded");
        var src = (await qr.GetAttributeAsync("src"))!;
        Assert.EndsWith("/auto-setup/apple/profile?address=jiro%40example.jp&culture=ja",
            QrCodeReader.Read(Convert.FromBase64String(src["data:image/png;base64,".Length..])), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("auto-setup-profile-ja.png"), FullPage = true });
        Assert.Empty(session.Errors);
    });
}
