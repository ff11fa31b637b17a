using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Portal.Core.Members;
using Portal.Core.Staff;
using static Microsoft.Playwright.Assertions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.SupportLinks;

/// <summary>A support agent signs in and sends a member their guide; the e-mail arrives at the (demo) mail server; its link opens the member's own guide.</summary>
[Collection("browser")]
public sealed partial class SupportLinkBrowserTests(BrowserFixture browser)
{
    [Fact]
    public Task An_agent_sends_a_support_link_and_the_member_opens_their_own_guide() => BrowserAssert.WithinTimeout(async () =>
    {
        var services = browser.Factory.Services;
        var email = $"agent-{Guid.NewGuid():N}@example.jp";
        Assert.Null(await services.GetRequiredService<StaffAccounts>().AddAsync(email, StaffRoles.Agent, "browser test password", CancellationToken.None));
        var account = $"hanako{Guid.NewGuid():N}"[..16];
        var address = $"{account}@example.jp";
        var members = services.GetRequiredService<MemberStore>();
        await members.UpsertAsync([new MemberRow(account, address, "Hanako Suzuki", "thunderbird", "en")], "browser test", CancellationToken.None);

        await using (var staff = await browser.OpenAsync(BrowserFixture.Desktop))
        {
            var page = staff.Page;
            await page.GotoAsync("/staff?culture=en");
            await page.WaitForURLAsync("**/staff/sign-in**");
            await page.GetByLabel("E-mail address").FillAsync(email);
            await page.GetByLabel("Password").FillAsync("browser test password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByLabel("Account, address or name (or part of one)").FillAsync(account);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = account }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Send this member a support link" }).ClickAsync();
            await Expect(page.Locator("#address")).ToHaveValueAsync(address);
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview the e-mail" }).ClickAsync();
            await Expect(page.Locator("#preview-text")).ToContainTextAsync("[the link to the guide: made when you send]");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the support link" }).ClickAsync();
            await Expect(page.Locator("#link-sent")).ToContainTextAsync($"Queued for {address}");
            // The long signed link wraps: the page never grows wider than the window.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the confirmation must not widen the page");
            await page.ScreenshotAsync(new() { Path = browser.Screenshot("support-link-sent-en.png"), FullPage = true });
            Assert.Empty(staff.Errors);
        }

        var delivered = await browser.DemoMail.WaitForAsync(m => m.Recipients.Contains(address), TimeSpan.FromSeconds(20));
        var message = await MimeMessage.LoadAsync(new MemoryStream(delivered.RawMessage.ToArray()));
        Assert.StartsWith("[Sample Net] Your steps for changing Mozilla Thunderbird", message.Subject, StringComparison.Ordinal);
        var link = LinkIn().Match(message.TextBody ?? "").Value;
        Assert.StartsWith(browser.BaseAddress.AbsoluteUri + "l/", link, StringComparison.Ordinal);

        await using var member = await browser.OpenAsync(BrowserFixture.Phone, isMobile: true);
        await member.Page.GotoAsync(link);
        await member.Page.WaitForURLAsync("**/guides/thunderbird?**");
        await Expect(member.Page.Locator("#prepared-for")).ToContainTextAsync(address);
        await member.Page.ScreenshotAsync(new() { Path = browser.Screenshot("support-link-opened-en-phone.png") });
        Assert.Equal(MemberStatus.LinkOpened, (await members.FindByAddressAsync(account, CancellationToken.None))!.Status);
        Assert.Empty(member.Errors);
    });

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/l/[A-Za-z0-9_-]+")]
    private static partial Regex LinkIn();
}
