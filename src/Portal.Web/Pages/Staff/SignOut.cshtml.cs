using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Staff;

namespace Portal.Web.Pages.Staff;

/// <summary>Signing out is a form post (with its antiforgery token), never a link another site could fire; it ends the session on the server.</summary>
public sealed class SignOutModel(StaffAudit audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Staff/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await audit.RecordAsync(User.Who(), "signed-out", "", cancellationToken);
        await StaffSession.SignOutAsync(HttpContext, cancellationToken);
        return Redirect("/staff/sign-in");
    }
}
