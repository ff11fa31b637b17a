using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Core.Members;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Staff;

/// <summary>Progress against the port-25 block date: members per status, per program and per language, and moved over time.</summary>
public sealed class DashboardModel(MemberDashboard dashboard, EvidenceStore evidence, GuideLibrary guides, IOptions<ScheduleOptions> schedule, IStringLocalizer<PortalText> text, TimeProvider time)
    : PageModel
{
    public DashboardFigures Figures { get; private set; } = null!;

    /// <summary>What the mail server's log shows, next to the portal's own statuses.</summary>
    public EvidenceFigures Log { get; private set; } = null!;

    public DateOnly Deadline => schedule.Value.Port25Blocked;

    public DateOnly Today { get; private set; }

    public IHtmlContent Chart { get; private set; } = HtmlString.Empty;

    public string ProgramName(string id) => id.Length == 0 ? text["CheckMail.Unknown"] : guides.Find(id, PortalCultures.Current)?.Name ?? id;

    public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.Value.TimeZone);
        Today = schedule.Value.Today(time);
        Figures = await dashboard.FiguresAsync(zone, cancellationToken);
        Log = await evidence.FiguresAsync(31, cancellationToken);
        Chart = new HtmlString(ProgressChart.Render(Figures.MovedPerDay, Figures.Members, Today, Deadline,
            text["Staff.Dashboard.Chart"], text["Staff.Dashboard.Deadline", DateText.Long(Deadline)]));
    }
}
