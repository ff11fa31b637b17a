using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Staff;
using Portal.Web.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Staff;

/// <summary>
/// Staff sign-in: one answer for an unknown address, a wrong password, a disabled or a locked account (a lock after
/// repeated failures, told to its owner by e-mail); a limit per client address across all accounts.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SignInModel(
    StaffSignInDesk desk, StaffAudit audit, StaffLockNotice lockNotice, IStringLocalizer<PortalText> text, IOptions<ScheduleOptions> schedule, TimeProvider time) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var from = ClientIp.Of(HttpContext);
        var result = await desk.SignInAsync(Email, Password, from, cancellationToken);
        Password = "";
        var who = StaffAccounts.Normalize(Email);
        switch (result)
        {
            case StaffSignIn.Succeeded ok:
                await StaffSession.SignInAsync(HttpContext, ok.Account, cancellationToken);
                await audit.RecordAsync(ok.Account.Email, "signed-in", Portal.Core.Localization.SaidDetail.Say("from", from), cancellationToken);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");
            case StaffSignIn.TooManyFromHere tooMany:
                Problem = text["Staff.SignIn.TooMany", DateText.Time(tooMany.RetryAt, schedule.Value.TimeZone)];
                RetryAfter.Answer(Response, StatusCodes.Status429TooManyRequests, RetryAfter.Seconds(tooMany.RetryAt, time));
                return Page();
            case StaffSignIn.Refused refused:
                // A locked account is answered as a wrong password; its owner learns of the lock by e-mail, staff from the audit trail.
                var action = refused.LockedNow ? "account-locked" : refused.LockedUntil is not null ? "sign-in-while-locked" : "sign-in-refused";
                await audit.RecordAsync(who, action, Portal.Core.Localization.SaidDetail.Say("from", from), cancellationToken);
                if (refused.LockedNow) await lockNotice.SendAsync(who, refused.LockedUntil!.Value, from, cancellationToken);
                Problem = text["Staff.SignIn.Refused"];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                throw new InvalidOperationException($"Unknown sign-in result {result}");
        }
    }
}
