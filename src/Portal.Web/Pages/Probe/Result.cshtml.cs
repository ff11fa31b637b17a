using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Probe;

namespace Portal.Web.Pages.Probe;

/// <summary>A probe's result at its short address: the verdict, every step, and for a failure the cause and the step of the member's guide that fixes it.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ResultModel(ProbeResultStore results, GuideLibrary library) : PageModel
{
    public StoredProbe Result { get; private set; } = null!;

    public Guide? Guide { get; private set; }

    /// <summary>The guide step that fixes the diagnosis, when the member named their program and one does.</summary>
    public GuideStep? FixStep { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await results.FindAsync(code, cancellationToken) is not { } result) return NotFound();
        // A code typed by hand (lower case, O for 0, a hyphen) lands on the one address the result has.
        if (code != result.Code) return RedirectToPage(new { code = result.Code });
        Result = result;
        Guide = result.Program is null ? null : library.Find(result.Program, PortalCultures.Current);
        if (Guide is not null && Diagnosis.GuideTag(result.Report.Diagnosis) is { } tag) FixStep = ErrorAnswers.StepFor(Guide, tag);
        return Page();
    }
}
