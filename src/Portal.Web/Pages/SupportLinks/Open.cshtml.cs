using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.SupportLinks;

namespace Portal.Web.Pages.SupportLinks;

/// <summary>
/// Where a support e-mail's link lands: a good link is counted and opens the member's guide with their values; a
/// tampered or expired one opens the general guides with a friendly word, never an error.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class OpenModel(SupportLinkSigner signer, SupportLinkLedger ledger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        switch (signer.Read(token))
        {
            case LinkCheck.Valid valid:
                await ledger.OpenedAsync(valid.Ticket, cancellationToken);
                return Redirect($"/guides/{Uri.EscapeDataString(valid.Ticket.Program)}?culture={valid.Ticket.Language}&link={Uri.EscapeDataString(token)}");
            case LinkCheck.Expired expired:
                return Redirect($"/guides?culture={expired.Ticket.Language}&link=expired");
            default:
                return Redirect("/guides?link=invalid");
        }
    }
}
