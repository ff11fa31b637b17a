using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.CheckMail;
using Portal.Web.Guides;
using Portal.Web.Localization;
using Portal.Web.Probe;

namespace Portal.Web.Pages.CheckMail;

/// <summary>"Check my mail program": asks for a one-time code (a form post, so no crawler makes rows), then shows it.</summary>
public sealed class IndexModel(CheckMailSetup setup, CheckCodeStore codes, GuideLibrary library, ProbeMessages messages) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Client { get; set; }

    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public bool IsOn => setup.IsOn;

    public ProbeMessages.Message? Problem { get; private set; }

    public void OnGet() => Guides = library.All(PortalCultures.Current);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Guides = library.All(PortalCultures.Current);
        if (!setup.IsOn) return NotFound();
        // Only a program the portal has a guide for is kept: the value ends up in links.
        var client = Guides.FirstOrDefault(g => g.Id == Client)?.Id;
        var issue = await codes.IssueAsync(ProbeClientIp.Of(HttpContext), client, cancellationToken);
        if (issue is CodeIssue.Issued issued) return RedirectToPage("/CheckMail/Code", new { token = issued.Code.Token });

        Problem = messages.Throttled(((CodeIssue.Throttled)issue).RetryAt, "CheckMail.Throttled");
        Response.StatusCode = Problem.Status;
        Response.Headers.RetryAfter = Problem.RetryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }
}
