using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Campaigns;
using Portal.Core.Configuration;
using Portal.Core.MemberMail;
using Portal.Core.Staff;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Staff.Campaigns;

/// <summary>Campaigns: the list, and a new one (who it goes to, the message in each language). Admins only.</summary>
[Authorize(Policy = StaffSession.AdminPolicy)]
public sealed class IndexModel(CampaignStore campaigns, MemberMailTemplates templates, MoveCalendar calendar, GuideLibrary guides, StaffAudit audit, IStringLocalizer<PortalText> text)
    : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public bool NotMovedOnly { get; set; } = true;
    [BindProperty] public string? Program { get; set; }
    [BindProperty] public string? Language { get; set; }
    /// <summary>Only members the mail server's log shows on port 25 in the last this many days (empty: not asked).</summary>
    [BindProperty] public string? Port25Days { get; set; }
    [BindProperty] public string SubjectJa { get; set; } = "";
    [BindProperty] public string BodyJa { get; set; } = "";
    [BindProperty] public string SubjectEn { get; set; } = "";
    [BindProperty] public string BodyEn { get; set; } = "";

    public IReadOnlyList<Campaign> All { get; private set; } = [];

    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        // A new campaign starts from the text for where the move stands today.
        var (ja, en) = (templates.CampaignStart("ja", calendar.Phase), templates.CampaignStart("en", calendar.Phase));
        (SubjectJa, BodyJa) = (ja.Subject, ja.Body);
        (SubjectEn, BodyEn) = (en.Subject, en.Body);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var japanese = new MailTemplate(SubjectJa.Trim(), Body(BodyJa));
        var english = new MailTemplate(SubjectEn.Trim(), Body(BodyEn));
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200) Problems.Add(text["Staff.Campaign.NameLength", 200]);
        if (!string.IsNullOrEmpty(Program) && guides.Find(Program, PortalCultures.Default) is null) Problems.Add(text["Staff.Campaign.UnknownProgram", Program]);
        if (!string.IsNullOrEmpty(Language) && !PortalCultures.IsSupported(Language)) Problems.Add(text["Staff.Campaign.UnknownLanguage", Language]);
        int? port25Days = null;
        if (!string.IsNullOrWhiteSpace(Port25Days))
        {
            // Typed on a Japanese keyboard the digits may be full-width.
            if (int.TryParse(Port25Days.Trim().Normalize(System.Text.NormalizationForm.FormKC), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 366)
                port25Days = days;
            else Problems.Add(text["Staff.Campaign.Port25DaysRange", Port25Days.Trim(), 366]);
        }

        Problems.AddRange(japanese.Problems().Select(p => Wording(p, "Staff.Campaign.InJapanese")));
        Problems.AddRange(english.Problems().Select(p => Wording(p, "Staff.Campaign.InEnglish")));
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var filter = new CampaignFilter(NotMovedOnly, string.IsNullOrEmpty(Program) ? null : Program, string.IsNullOrEmpty(Language) ? null : Language, port25Days);
        var id = await campaigns.CreateAsync(Name.Trim(), filter, japanese, english, User.Who(), cancellationToken);
        await audit.RecordAsync(User.Who(), "campaign-created", $"campaign {id}: {Name.Trim()}", cancellationToken);
        return RedirectToPage("/Staff/Campaigns/Detail", new { id });
    }

    /// <summary>"English: unknown placeholder {nmae} (...)" in the page's language.</summary>
    private string Wording(TemplateProblem problem, string where) =>
        text[where, text[$"Staff.Template.{problem.Kind}", problem.Placeholder ?? "", string.Join(", ", MailTemplate.Placeholders.Select(p => $"{{{p}}}")), MailTemplate.MaxSubjectLength]];

    // Bodies typed in a browser come with CRLF; the templates keep LF.
    private static string Body(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        All = await campaigns.ListAsync(cancellationToken);
        Guides = guides.All(PortalCultures.Current);
    }
}
