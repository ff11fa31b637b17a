using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Staff;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Staff;

/// <summary>Staff sign-in: one answer for an unknown address, a wrong password or a disabled account; a lock after repeated failures.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SignInModel(StaffAccounts accounts, StaffAudit audit, IStringLocalizer<PortalText> text, IOptions<ScheduleOptions> schedule) : PageModel
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
        var result = await accounts.SignInAsync(Email, Password, cancellationToken);
        Password = "";
        var who = StaffAccounts.Normalize(Email);
        switch (result)
        {
            case StaffSignIn.Succeeded ok:
                await StaffSession.SignInAsync(HttpContext, ok.Account, cancellationToken);
                await audit.RecordAsync(ok.Account.Email, "signed-in", $"from {HttpContext.Connection.RemoteIpAddress}", cancellationToken);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");
            case StaffSignIn.LockedOut locked:
                await audit.RecordAsync(who, "sign-in-locked", $"from {HttpContext.Connection.RemoteIpAddress}", cancellationToken);
                Problem = text["Staff.SignIn.Locked", DateText.Time(locked.Until, schedule.Value.TimeZone)];
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            default:
                await audit.RecordAsync(who, "sign-in-refused", $"from {HttpContext.Connection.RemoteIpAddress}", cancellationToken);
                Problem = text["Staff.SignIn.Refused"];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
