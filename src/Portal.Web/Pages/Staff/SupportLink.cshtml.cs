using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Members;
using Portal.Core.SupportLinks;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Staff;

/// <summary>Send a support link: to a member on file (prefilled from their record) or to an address given on the phone.</summary>
public sealed class SupportLinkModel(SupportLinkDesk desk, IOptions<SupportLinkOptions> links, MemberStore members, GuideLibrary guides) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "member")]
    public long? MemberId { get; set; }

    [BindProperty]
    public string Address { get; set; } = "";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Program { get; set; }

    [BindProperty]
    public string Language { get; set; } = PortalCultures.Default;

    public Member? Member { get; private set; }

    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public Dictionary<string, string> Problems { get; } = [];

    public SupportLinkSent? Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Guides = guides.All(PortalCultures.Current);
        if (MemberId is { } id)
        {
            if (await members.FindAsync(id, cancellationToken) is not { } member) return NotFound();
            Member = member;
            (Address, Name, Program, Language) = (member.Email, member.Name, member.Program, member.Language);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Guides = guides.All(PortalCultures.Current);
        Member = MemberId is { } id ? await members.FindAsync(id, cancellationToken) : null;
        if (MemberId is not null && Member is null) return NotFound();
        Address = Address.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(Address, out var parsed) || parsed.Address != Address) Problems["address"] = "Staff.SupportLink.BadAddress";
        if (Program is null || guides.Find(Program, PortalCultures.Default) is null) Problems["program"] = "Staff.SupportLink.ChooseProgram";
        if (!PortalCultures.IsSupported(Language)) Problems["language"] = "Staff.SupportLink.ChooseLanguage";
        if (Name?.Length > 200) Problems["name"] = "Staff.SupportLink.LongName";
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // A member on file gets their own account in the links; an address typed on the phone stands for itself.
        var account = Member?.Account ?? Address;
        Sent = await desk.SendAsync(new SupportLinkOrder(Member?.Id, Address, Name, account, Program!, Language), User.Who(), PublicAddress.BaseUrl(links.Value, Request), cancellationToken);
        return Page();
    }
}
