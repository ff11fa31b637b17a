using Portal.Core.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Campaigns;
using Microsoft.Extensions.Options;
using Portal.Core.MemberMail;
using Portal.Core.SupportLinks;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Staff.Campaigns;

/// <summary>One campaign: who it reaches, a preview for a real member in each language, a test copy to oneself, and the send.</summary>
[Authorize(Policy = StaffSession.AdminPolicy)]
public sealed class DetailModel(CampaignStore campaigns, CampaignDesk desk, IOptions<SupportLinkOptions> links) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;

    public int Recipients { get; private set; }

    /// <summary>The message as the first matching member of each language would get it.</summary>
    public Dictionary<string, RenderedMail> Previews { get; } = [];

    [BindProperty] public string TestLanguage { get; set; } = PortalCultures.Default;
    [BindProperty] public bool Confirm { get; set; }

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTestAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var language = PortalCultures.IsSupported(TestLanguage) ? TestLanguage : PortalCultures.Default;
        await desk.TestAsync(Campaign, User.Who(), language, PublicAddress.BaseUrl(links.Value, Request), cancellationToken);
        Done = "Staff.Campaign.TestSent";
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Confirm)
        {
            Problem = "Staff.Campaign.Confirm";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!await desk.RequestSendAsync(Campaign, User.Who(), PublicAddress.BaseUrl(links.Value, Request), cancellationToken))
        {
            Problem = "Staff.Campaign.AlreadySending";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        // After a post, a plain page: a reload must not ask for the send again.
        return RedirectToPage("/Staff/Campaigns/Detail", new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(id, cancellationToken) is not { } campaign) return false;
        Campaign = campaign;
        Recipients = await campaigns.CountMembersAsync(campaign.Filter, cancellationToken);
        foreach (var language in PortalCultures.All)
        {
            var sample = (await campaigns.MembersAsync(campaign.Filter with { Language = language }, 0, 1, cancellationToken)).FirstOrDefault();
            if (sample is not null && (campaign.Filter.Language is null || campaign.Filter.Language == language))
                Previews[language] = desk.Preview(campaign, sample, PublicAddress.BaseUrl(links.Value, Request));
        }

        return true;
    }
}
