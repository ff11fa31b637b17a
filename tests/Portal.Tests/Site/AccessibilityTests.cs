using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>Every public page, in both languages: no serious or critical axe violations, and a quiet console (CSP violations show up there).</summary>
[Collection("browser")]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private const string MissingPage = "/no-such-page";

    private static readonly string[] PublicPages =
        ["/", "/overview", "/how-it-works", "/guides", "/test", "/own-mail-server", "/schedule", "/other-providers", "/whats-new",
         "/guides/outlook-express-6", "/guides/iphone-mail", "/guides/errors?client=outlook-express-6&error=0x800ccc0f", "/own-mail-server?ip=not-an-address",
         "/own-mail-server?ip=203.0.113.9", "/check", "/staff/sign-in", "/guides/thunderbird", "/auto-setup/apple?address=taro%40example.jp", MissingPage];

    /// <summary>The staff console, as an admin sees it.</summary>
    private static readonly string[] StaffPages =
        ["/staff", "/staff?q=a", "/staff/dashboard", "/staff/support-link", "/staff/campaigns", "/staff/members/import", "/staff/activity", "/staff/postfix"];

    public static TheoryData<string, string> StaffPagesAndLanguages
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var path in StaffPages)
            foreach (var language in new[] { "ja", "en" })
                rows.Add(path, language);
            return rows;
        }
    }

    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    public static TheoryData<string, string> PagesAndLanguages
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var path in PublicPages)
            foreach (var language in new[] { "ja", "en" })
                rows.Add(path, language);
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(PagesAndLanguages))]
    public Task Page_has_no_serious_accessibility_violations_and_no_console_errors(string path, string language) => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        await CheckAsync(session, path, language, path == MissingPage ? 404 : 200);
    });

    [Theory]
    [MemberData(nameof(StaffPagesAndLanguages))]
    public Task Staff_page_has_no_serious_accessibility_violations_and_no_console_errors(string path, string language) => BrowserAssert.WithinTimeout(async () =>
    {
        await using var session = await browser.OpenAsync(BrowserFixture.Desktop);
        var email = $"admin-{Guid.NewGuid():N}@example.jp";
        var accounts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Portal.Core.Staff.StaffAccounts>(browser.Factory.Services);
        Assert.Null(await accounts.AddAsync(email, Portal.Core.Staff.StaffRoles.Admin, "accessibility test password", CancellationToken.None));
        await session.Page.GotoAsync("/staff/sign-in");
        await session.Page.Locator("#email").FillAsync(email);
        await session.Page.Locator("#password").FillAsync("accessibility test password");
        await session.Page.Locator("#sign-in").ClickAsync();
        await session.Page.WaitForURLAsync("**/staff");
        await CheckAsync(session, path, language, 200);
    });

    private static async Task CheckAsync(BrowserPage session, string path, string language, int status)
    {
        var page = session.Page;
        var response = await page.GotoAsync(language == "en" ? $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture=en" : path);
        Assert.NotNull(response);
        Assert.Equal(status, response.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await page.WaitForLoadStateAsync(LoadState.Load);

        var result = await page.RunAxe().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {path} ({language}): {result.Passes.Length} passes, {result.Inapplicable.Length} inapplicable.");
        var blocking = result.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();

        // The 404 page's own document answers 404, and Chromium says so in the console; nothing else may.
        var errors = session.Errors
            .Where(e => !(path == MissingPage && e.Contains("status of 404", StringComparison.Ordinal) && e.Contains(MissingPage, StringComparison.Ordinal)))
            .ToList();

        // Both findings in one message, so one run shows everything to fix on the page.
        var problems = new List<string>();
        if (blocking.Count > 0) problems.Add(Describe(path, language, blocking));
        if (errors.Count > 0) problems.Add($"{path} ({language}) logged {errors.Count} browser error(s) (CSP forbids inline scripts and styles):\n{string.Join("\n", errors)}");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    private static string Describe(string path, string language, IReadOnlyList<AxeResultItem> violations)
    {
        var text = new StringBuilder($"{path} ({language}) has {violations.Count} serious/critical axe violation(s):");
        foreach (var v in violations)
        {
            text.Append($"\n- {v.Id} [{v.Impact}]: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                text.Append($"\n    target: {node.Target}");
                text.Append($"\n    html:   {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
                    .Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m));
                foreach (var message in checks) text.Append($"\n    why:    {message}");
            }
        }

        return text.ToString();
    }
}
