using Portal.Core.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Staff;

namespace Portal.Web.Pages.Staff;

/// <summary>The audit trail: the latest staff actions, for admins.</summary>
[Authorize(Policy = StaffSession.AdminPolicy)]
public sealed class ActivityModel(StaffAudit audit, IOptions<ScheduleOptions> schedule) : PageModel
{
    public IReadOnlyList<StaffAction> Actions { get; private set; } = [];

    public string Time(DateTimeOffset at) => DateText.Time(at, schedule.Value.TimeZone, "yyyy-MM-dd HH:mm:ss");

    public async Task OnGetAsync(CancellationToken cancellationToken) => Actions = await audit.RecentAsync(200, cancellationToken);
}
