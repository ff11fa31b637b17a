using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Guides;
using Portal.Core.Localization;
using Portal.Web.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Guides;

/// <summary>
/// "My screen looks different", sent from a step of a guide: stored for staff, then back to the step with a thank-you.
/// What cannot be stored comes back on this page with the member's words kept, and why.
/// </summary>
[IgnoreAntiforgeryToken]
[SameOriginForm]
public sealed class ScreenDiffersModel(ScreenReports reports, GuideLibrary library, IStringLocalizer<PortalText> text, IOptions<ScheduleOptions> schedule, TimeProvider time)
    : PageModel
{
    [BindProperty]
    public string Step { get; set; } = "";

    [BindProperty]
    public string Language { get; set; } = "";

    [BindProperty]
    public string? WhatTheySee { get; set; }

    [BindProperty]
    public string? ProgramVersion { get; set; }

    public Guide Guide { get; private set; } = null!;

    public string? Problem { get; private set; }

    public IActionResult OnGet(string program) => Redirect($"/guides/{Uri.EscapeDataString(program)}");

    public async Task<IActionResult> OnPostAsync(string program, CancellationToken cancellationToken)
    {
        if (library.Find(program, PortalCultures.Current) is not { } guide) return NotFound();
        Guide = guide;
        var language = PortalCultures.IsSupported(Language) ? Language : PortalCultures.Current;
        switch (await reports.RecordAsync(program, Step, language, ProgramVersion, WhatTheySee, ClientIp.Of(HttpContext), cancellationToken))
        {
            case ScreenReportOutcome.Recorded:
                return Redirect($"/guides/{Uri.EscapeDataString(program)}?reported={Uri.EscapeDataString(Step)}#step-{Uri.EscapeDataString(Step)}");
            case ScreenReportOutcome.TooMany tooMany:
                Problem = text["ScreenDiffers.Error.TooMany", DateText.Time(tooMany.RetryAt, schedule.Value.TimeZone)];
                RetryAfter.Answer(Response, StatusCodes.Status429TooManyRequests, RetryAfter.Seconds(tooMany.RetryAt, time));
                return Page();
            case ScreenReportOutcome.Invalid invalid:
                Problem = text[invalid.TextKey, ScreenReports.MaxWhatTheySee, ScreenReports.MaxProgramVersion];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                throw new InvalidOperationException("Unknown outcome");
        }
    }
}
