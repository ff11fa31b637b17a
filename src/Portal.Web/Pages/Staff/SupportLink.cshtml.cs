using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;
using Portal.Core.Configuration;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.SupportLinks;
using Portal.Web.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Staff;

/// <summary>
/// Send a support link: to a member on file (prefilled from their record) or to an address given on the phone. The
/// agent sees the e-mail as it will be sent before sending; after sending, the page is fetched afresh (post, then
/// redirect), so a reload or a second click cannot send it again.
/// </summary>
public sealed class SupportLinkModel(SupportLinkDesk desk, IOptions<SupportLinkOptions> links, IOptions<ScheduleOptions> schedule, MemberStore members, GuideLibrary guides, IStringLocalizer<PortalText> text) : PageModel
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

    /// <summary>The e-mail as it will be sent, shown before sending.</summary>
    public RenderedMail? Preview { get; private set; }

    /// <summary>In the ISP's time zone, as every time the console shows.</summary>
    public string Time(DateTimeOffset at) => $"{DateText.Time(at, schedule.Value.TimeZone, "yyyy-MM-dd HH:mm")} ({schedule.Value.TimeZone})";

    public async Task<IActionResult> OnGetAsync(Guid? sent, bool repeat, CancellationToken cancellationToken)
    {
        Guides = guides.All(PortalCultures.Current);
        if (sent is { } sentId)
        {
            Sent = await desk.FindSentAsync(sentId, PublicAddress.BaseUrl(links.Value, Request), cancellationToken);
            if (Sent is null) return NotFound();
            Sent = Sent with { Repeat = repeat };
            return Page();
        }

        if (MemberId is { } id)
        {
            if (await members.FindAsync(id, cancellationToken) is not { } member) return NotFound();
            Member = member;
            (Address, Name, Program, Language) = (member.Email, member.Name, member.Program, member.Language);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (await CheckAsync(cancellationToken) is { } problem) return problem;
        Preview = desk.Preview(Order(), PublicAddress.BaseUrl(links.Value, Request), text["Staff.SupportLink.LinkOnSending"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await CheckAsync(cancellationToken) is { } problem) return problem;
        var sent = await desk.SendAsync(Order(), User.Who(), PublicAddress.BaseUrl(links.Value, Request), cancellationToken);
        var culture = Request.Query["culture"].FirstOrDefault();
        return RedirectToPage(new { sent = sent.Id.ToString("N"), repeat = sent.Repeat ? "true" : null, culture });
    }

    // A member on file gets their own account in the links; an address typed on the phone stands for itself.
    private SupportLinkOrder Order() => new(Member?.Id, Address, Name, Member?.Account ?? Address, Program!, Language);

    /// <summary>The form's problems as a 400 page, or null when it can be sent.</summary>
    private async Task<IActionResult?> CheckAsync(CancellationToken cancellationToken)
    {
        Guides = guides.All(PortalCultures.Current);
        Member = MemberId is { } id ? await members.FindAsync(id, cancellationToken) : null;
        if (MemberId is not null && Member is null) return NotFound();
        Address = (Address ?? "").Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(Address, out var parsed) || parsed.Address != Address) Problems["address"] = "Staff.SupportLink.BadAddress";
        if (Program is null || guides.Find(Program, PortalCultures.Default) is null) Problems["program"] = "Staff.SupportLink.ChooseProgram";
        if (!PortalCultures.IsSupported(Language)) Problems["language"] = "Staff.SupportLink.ChooseLanguage";
        if (Name?.Length > 200) Problems["name"] = "Staff.SupportLink.LongName";
        if (Problems.Count == 0) return null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
