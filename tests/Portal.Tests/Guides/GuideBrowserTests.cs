using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Guides;

/// <summary>A member on a phone finds their program's guide, makes it their own, and prints it.</summary>
[Collection("browser")]
public sealed class GuideBrowserTests(BrowserFixture browser)
{
    [Fact]
    public Task A_member_on_a_phone_picks_Outlook_Express_types_an_address_and_sees_it_in_steps_and_pictures() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Phone, isMobile: true);
        var page = session.Page;

        await page.GotoAsync("/guides?culture=en");
        await page.Locator("a.picker__item[data-program=outlook-express-6]").First.ClickAsync();
        await page.WaitForURLAsync("**/guides/outlook-express-6");

        var address = page.GetByLabel("Your mail address");
        await Expect(address).ToBeVisibleAsync();
        await address.FillAsync("hanako.yamada@example.jp");

        await Expect(page.Locator("#settings-user")).ToHaveTextAsync("hanako.yamada@example.jp");
        foreach (var member in new[] { "user", "address" })
        {
            var inPictures = await page.Locator($"svg.dialog-picture tspan[data-member={member}]").AllTextContentsAsync();
            var inText = await page.Locator($"#steps [data-member={member}]:not(tspan)").AllTextContentsAsync();
            Assert.True(inPictures.Count + inText.Count > 0, $"the guide should show the member's {member}");
            Assert.All(inPictures.Concat(inText), text => Assert.Equal("hanako.yamada@example.jp", text));
        }

        var userInPictures = await page.Locator("svg.dialog-picture tspan[data-member=user]").CountAsync();
        Assert.True(userInPictures > 0, "the pictures should show the member's user name");
        var descriptions = await page.Locator("svg.dialog-picture desc").AllTextContentsAsync();
        Assert.DoesNotContain(descriptions, d => d.Contains("taro@", StringComparison.Ordinal));
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("guide-oe6-en-phone.png"), FullPage = true });

        // A typing slip is pointed out, and the example comes back until the address is whole again.
        await address.FillAsync("hanako.yamada@");
        await Expect(page.Locator("#personalise-error")).ToBeHiddenAsync(); // not while still typing
        await address.PressAsync("Tab");
        await Expect(page.Locator("#personalise-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#settings-user")).Not.ToHaveTextAsync("hanako.yamada@");

        // Printing: the emulated print media shows the steps and no navigation or tools.
        await address.FillAsync("hanako.yamada@example.jp");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("nav.site-nav")).ToBeHiddenAsync();
        await Expect(page.Locator("#personalise")).ToBeHiddenAsync();
        await Expect(page.Locator("#schedule-banner")).ToBeHiddenAsync();
        await Expect(page.Locator("#steps")).ToBeVisibleAsync();
        await Expect(page.Locator("#settings-user")).ToHaveTextAsync("hanako.yamada@example.jp");
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("guide-oe6-en-print.png"), FullPage = true });
        Assert.Empty(session.Errors);
    });

    [Fact]
    public Task Typed_with_the_Japanese_input_method_on_the_address_still_works_and_another_providers_is_refused() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Phone, isMobile: true);
        var page = session.Page;
        await page.GotoAsync("/guides/becky-2?culture=ja");
        var address = page.Locator("#member-address");

        // Full-width letters and ＠ (the input method's default) are the same address.
        await address.FillAsync("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ");
        await address.PressAsync("Tab");
        await Expect(page.Locator("#settings-user")).ToHaveTextAsync("hanako@example.jp");
        await Expect(page.Locator("#personalise-error")).ToBeHiddenAsync();

        // Another provider's address is not drawn into the pictures as the user name.
        await address.FillAsync("hanako@gmail.com");
        await address.PressAsync("Tab");
        await Expect(page.Locator("#personalise-foreign")).ToBeVisibleAsync();
        await Expect(page.Locator("#personalise-foreign")).ToContainTextAsync("@example.jp");
        await Expect(page.Locator("#settings-user")).ToHaveTextAsync("taro@example.jp");
        var inPictures = await page.Locator("svg.dialog-picture tspan[data-member=user]").AllTextContentsAsync();
        Assert.DoesNotContain("hanako@gmail.com", inPictures);
        Assert.Equal("true", await address.GetAttributeAsync("aria-invalid"));
        Assert.Empty(session.Errors);
    });

    [Fact]
    public Task On_a_phone_a_picture_opens_full_size_by_tap_or_keyboard_and_closes_back_to_it() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Phone, isMobile: true);
        var page = session.Page;
        await page.GotoAsync("/guides/outlook-express-6?culture=ja");
        var picture = page.Locator("figure.step__picture svg").First;
        var first = page.Locator("figure.step__picture button.picture-zoom").First;

        // In the step, the 600-wide picture is squeezed to the phone's width: its text is too small to read.
        var inStep = await picture.BoundingBoxAsync();
        Assert.True(inStep!.Width < 400);

        await picture.TapAsync();
        var viewer = page.Locator("#picture-viewer");
        await Expect(viewer).ToBeVisibleAsync();
        var full = await viewer.Locator("svg").BoundingBoxAsync();
        Assert.True(full!.Width >= 599, $"the picture opens at its full width at least (was {full.Width})");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "大きく" }).ClickAsync();
        Assert.True((await viewer.Locator("svg").BoundingBoxAsync())!.Width > full.Width);
        // The copy has ids of its own: the page still has one element per id, and the copy is still named.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; }"));
        Assert.False(string.IsNullOrEmpty(await viewer.Locator("svg title").TextContentAsync()));
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("guide-picture-phone-ja.png") });

        await page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToBeHiddenAsync();
        Assert.True(await first.EvaluateAsync<bool>("b => b === document.activeElement"), "focus returns to the picture's button");

        // By keyboard alone: the picture's own button (focused now) opens it with Enter, and Close closes it.
        await Expect(first).ToHaveTextAsync("手順 1 の画面を大きく表示");
        await page.Keyboard.PressAsync("Enter");
        await Expect(viewer).ToBeVisibleAsync();
        await viewer.GetByRole(AriaRole.Button, new() { Name = "閉じる" }).ClickAsync();
        await Expect(viewer).ToBeHiddenAsync();
        Assert.Empty(session.Errors);
    });

    [Fact]
    public Task The_how_it_works_diagrams_crossed_out_marker_leaves_its_label_readable() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Phone, isMobile: true);
        var page = session.Page;
        foreach (var language in new[] { "ja", "en" })
        {
            await page.GotoAsync($"/how-it-works?culture={language}");
            var label = (await page.Locator("#diagram-blocked-label").BoundingBoxAsync())!;
            var mark = (await page.Locator("#diagram-blocked-mark").BoundingBoxAsync())!;
            var overlap = label.X < mark.X + mark.Width && mark.X < label.X + label.Width && label.Y < mark.Y + mark.Height && mark.Y < label.Y + label.Height;
            Assert.False(overlap, $"{language}: the marker at {mark.X},{mark.Y} covers the label at {label.X},{label.Y}");
        }
    });

    [Fact]
    public Task Nothing_typed_on_the_guide_page_is_sent_anywhere() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        var page = session.Page;
        var requests = new List<string>();
        await page.GotoAsync("/guides/thunderbird");
        // The page, its script and styles have all loaded: from here on, nothing should go out. (Chromium fetches the
        // site's icon whenever it likes, sometimes after the network went idle: that request carries nothing typed.)
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.Request += (_, request) =>
        {
            if (!request.Url.EndsWith("/img/favicon.svg", StringComparison.Ordinal)) requests.Add(request.Url);
        };

        var address = page.Locator("#member-address");
        await address.FillAsync("jiro@example.jp");
        await address.PressAsync("Enter");
        await Expect(page.Locator("#settings-user")).ToHaveTextAsync("jiro@example.jp");

        Assert.Empty(requests);
        Assert.DoesNotContain("jiro", page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task The_print_button_is_offered_and_calls_print() => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        var page = session.Page;
        await page.GotoAsync("/guides/becky-2?culture=en");
        await page.EvaluateAsync("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");

        await page.GetByRole(AriaRole.Button, new() { Name = "Print" }).ClickAsync();

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__printed"));
    });
}
