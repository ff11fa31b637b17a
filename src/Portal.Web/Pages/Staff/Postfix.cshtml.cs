using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Core.SupportLinks;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Staff;

/// <summary>The mail server's settings that make the log's evidence complete, and the reply that sends members still on port 25 to the guides.</summary>
[Authorize(Policy = StaffSession.AdminPolicy)]
public sealed class PostfixModel(IOptions<IspOptions> isp, IOptions<EvidenceOptions> evidence, IOptions<ScheduleOptions> schedule, IOptions<SupportLinkOptions> links, TimeProvider time)
    : PageModel
{
    public IReadOnlyList<PostfixSetting> Settings { get; private set; } = [];

    public DateOnly BlockDate => schedule.Value.Port25Blocked;

    public bool Blocked => schedule.Value.PhaseOn(schedule.Value.Today(time)) == MovePhase.Port25Blocked;

    public void OnGet() => Settings = PostfixSettings.For(isp.Value, evidence.Value, PublicAddress.BaseUrl(links.Value, Request));
}
