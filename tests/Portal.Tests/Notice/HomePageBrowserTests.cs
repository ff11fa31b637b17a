using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Web.Pages.Shared;
using static Microsoft.Playwright.Assertions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notice;

/// <summary>The home page in a real browser: language, demo account, navigation by keyboard, layout on a phone, the language switch.</summary>
[Collection("browser")]
public sealed class HomePageBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string, string> Views => new()
    {
        { "ja", "phone" },
        { "ja", "desktop" },
        { "en", "phone" },
        { "en", "desktop" },
    };

    public static TheoryData<string> Devices => new() { "phone", "desktop" };

    [Theory]
    [MemberData(nameof(Views))]
    public Task Home_page_is_readable_and_keyboard_navigable(string language, string device) => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await OpenAsync(device, language);
        var page = session.Page;

        var response = await page.GotoAsync(language == "en" ? "/?culture=en" : "/");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);

        await ExpectLanguageAsync(page, language);

        // The demo account a member can try the settings with.
        await Expect(page.Locator("#demo-account")).ToBeVisibleAsync();
        await Expect(page.Locator("#demo-address")).ToBeVisibleAsync();
        await Expect(page.Locator("#demo-address")).ToHaveTextAsync(new Regex(@"\S+@\S+"));
        await Expect(page.Locator("#demo-password")).ToBeVisibleAsync();
        await Expect(page.Locator("#demo-password")).ToHaveTextAsync(new Regex(@"\S"));

        // Every menu entry is on screen.
        var links = page.Locator("nav.site-nav a");
        await Expect(links).ToHaveCountAsync(SiteMenu.Items.Count);
        var hrefs = new List<string>();
        for (var i = 0; i < SiteMenu.Items.Count; i++)
        {
            await Expect(links.Nth(i)).ToBeVisibleAsync();
            hrefs.Add(await links.Nth(i).GetAttributeAsync("href") ?? "");
        }

        // Keyboard: the first Tab lands on the skip link, which shows itself; further Tabs reach the menu in order.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        var reached = new List<string>();
        for (var presses = 0; presses < 40 && reached.Count < hrefs.Count; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var inMenu = await page.EvaluateAsync<string?>(
                "() => { const e = document.activeElement; return e && e.closest('nav.site-nav') ? e.getAttribute('href') : null; }");
            if (inMenu is not null) reached.Add(inMenu);
        }

        Assert.Equal(hrefs, reached);

        // The skip link does its job.
        await skip.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();

        await ExpectNoHorizontalScrollAsync(page);

        var screenshot = browser.Screenshot($"home-{language}-{device}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        BrowserAssert.IsPng(screenshot);
    });

    [Theory]
    [MemberData(nameof(Devices))]
    public Task Language_switch_button_changes_the_language_and_remembers_it(string device) => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await OpenAsync(device, language: null);
        var page = session.Page;
        var button = page.Locator("#language-switch");

        await page.GotoAsync("/");
        await ExpectLanguageAsync(page, "ja");
        await Shoot(page, $"home-switch-{device}-1-ja.png");

        await button.ClickAsync();
        await ExpectLanguageAsync(page, "en");
        await Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/").ToString());
        var cookies = await session.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Culture" && Uri.UnescapeDataString(c.Value).Contains("uic=en", StringComparison.Ordinal));
        await Shoot(page, $"home-switch-{device}-2-en.png");

        await page.ReloadAsync();
        await ExpectLanguageAsync(page, "en");
        await Shoot(page, $"home-switch-{device}-3-en-reloaded.png");

        await button.ClickAsync();
        await ExpectLanguageAsync(page, "ja");
        await page.ReloadAsync();
        await ExpectLanguageAsync(page, "ja");
        await Shoot(page, $"home-switch-{device}-4-ja.png");
    });

    private Task<BrowserPage> OpenAsync(string device, string? language) => device switch
    {
        "phone" => browser.OpenAsync(BrowserFixture.Phone, Locale(language), isMobile: true),
        "desktop" => browser.OpenAsync(BrowserFixture.Desktop, Locale(language)),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "phone or desktop"),
    };

    private static string? Locale(string? language) => language switch
    {
        "ja" => "ja-JP",
        "en" => "en-US",
        _ => null,
    };

    /// <summary>The page is in <paramref name="language"/>: the html lang, and the words of its h1.</summary>
    private static async Task ExpectLanguageAsync(IPage page, string language)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await page.WaitForLoadStateAsync(LoadState.Load);
        var h1 = page.Locator("h1");
        await Expect(h1).ToHaveCountAsync(1);
        var title = (await h1.InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(title), "The h1 is empty.");
        if (language == "ja") Assert.Matches(BrowserAssert.Japanese(), title);
        else Assert.DoesNotMatch(BrowserAssert.Japanese(), title);
    }

    /// <summary>Nothing sticks out sideways; on failure, names the elements that do.</summary>
    private static async Task ExpectNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        if (widths[0] <= widths[1]) return;
        var wide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)" +
            ".slice(0, 10).map(e => e.outerHTML.slice(0, 160))");
        Assert.Fail($"The page scrolls sideways: scrollWidth {widths[0]} > innerWidth {widths[1]}. Too wide:\n{string.Join("\n", wide)}");
    }

    private async Task Shoot(IPage page, string name)
    {
        var path = browser.Screenshot(name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        BrowserAssert.IsPng(path);
    }
}
