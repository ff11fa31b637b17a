using Portal.Web.Infrastructure;
using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.CheckMail;

namespace Portal.Web.Pages.CheckMail;

/// <summary>"Check my mail program": asks for a one-time code (a form post, so no crawler makes rows), then shows it.</summary>
public sealed class IndexModel(CheckMailSetup setup, CheckCodeStore codes, GuideLibrary library, WaitWording wait) : PageModel
{
    // "client" in links already sent (the test-my-settings and check-mail links carry ?client=becky-2).
    [BindProperty(SupportsGet = true, Name = "client")]
    public string? Program { get; set; }

    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public bool IsOn => setup.IsOn;

    public PageProblem? Problem { get; private set; }

    public void OnGet() => Guides = library.All(PortalCultures.Current);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Guides = library.All(PortalCultures.Current);
        if (!setup.IsOn) return NotFound();
        // Only a program the portal has a guide for is kept: the value ends up in links.
        var program = Guides.FirstOrDefault(g => g.Id == Program)?.Id;
        var issue = await codes.IssueAsync(ClientIp.Of(HttpContext), program, cancellationToken);
        if (issue is CodeIssue.Issued issued) return RedirectToPage("/CheckMail/Code", new { token = issued.Code.Token });

        Problem = wait.TooManyTries(((CodeIssue.Throttled)issue).RetryAt, "CheckMail.Throttled");
        Problem.ApplyTo(Response);
        return Page();
    }
}
