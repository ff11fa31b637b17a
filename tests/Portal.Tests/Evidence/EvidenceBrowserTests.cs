using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Members;
using Portal.Core.Staff;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Evidence;

/// <summary>An admin reads the log's figures on the dashboard and makes a campaign for the members still on port 25, in Chromium.</summary>
[Collection("browser")]
public sealed class EvidenceBrowserTests(BrowserFixture browser)
{
    [Fact]
    public Task An_admin_sees_who_is_still_on_port_25_and_sends_a_campaign_to_them_only() => BrowserAssert.WithinTimeout(async () =>
    {
        var services = browser.Factory.Services;
        var email = $"admin-{Guid.NewGuid():N}@example.jp";
        Assert.Null(await services.GetRequiredService<StaffAccounts>().AddAsync(email, StaffRoles.Admin, "browser test password", CancellationToken.None));
        var members = services.GetRequiredService<MemberStore>();
        var account = $"still25{Guid.NewGuid():N}"[..16];
        await members.UpsertAsync([new MemberRow(account, $"{account}@example.jp", "Still On 25", "becky-2", "en")], "browser test", CancellationToken.None);
        var id = (await members.FindByAddressAsync(account, CancellationToken.None))!.Id;
        var today = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScheduleOptions>>().Value.Today(TimeProvider.System);
        await using (var connection = await services.GetRequiredService<PortalDatabase>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO MemberEvidence (MemberId, Kind, Day, Count, FirstAt, LastAt) VALUES (@Id, 'port25-noauth', @Day, 4, @At, @At)",
                new { Id = id, Day = today, At = DateTimeOffset.UtcNow });
        }

        await using var staff = await browser.OpenAsync(BrowserFixture.Desktop);
        var page = staff.Page;
        await page.GotoAsync("/staff/dashboard?culture=en");
        await page.WaitForURLAsync("**/staff/sign-in**");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("browser test password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/dashboard**");

        var row = page.Locator("#log-by-program tr[data-group='becky-2']");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(page.Locator("#log-per-day tr[data-day='" + today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "'] td").Nth(1)).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = browser.Screenshot("dashboard-log-en.png"), FullPage = true });

        await page.GotoAsync("/staff/campaigns?culture=en");
        await page.GetByLabel("Campaign name (for staff)").FillAsync("Still on port 25");
        await page.GetByLabel("Only members who have not moved yet").UncheckAsync();
        await page.GetByLabel("Only members still sending on port 25 (last days)").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and preview" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/campaigns/*");
        await Expect(page.Locator("#recipients")).ToHaveTextAsync("1");
        await Expect(page.Locator("body")).ToContainTextAsync("seen on port 25 in the last 7 days");
        Assert.Empty(staff.Errors);
    });
}
