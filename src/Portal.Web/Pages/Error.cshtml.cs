using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages;

/// <summary>The page for 404s and failures, in the member's language; re-executed by the status-code and exception middleware.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int? code) => Status = Decide(code);

    // The exception handler re-executes with the original method: a failed POST must still show this page.
    public void OnPost(int? code) => Status = Decide(code);

    private int Decide(int? code)
    {
        var status = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        // Requested directly (/error/404), the page itself would otherwise answer 200.
        Response.StatusCode = status;
        return status;
    }
}
