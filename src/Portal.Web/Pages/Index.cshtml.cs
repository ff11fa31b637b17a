using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Web.Pages;

/// <summary>Home: what changes, by when, and what a member can do here.</summary>
public sealed class IndexModel(IOptions<IspOptions> isp, IOptions<ScheduleOptions> schedule, DemoMode demo) : PageModel
{
    public IspOptions Isp => isp.Value;
    public ScheduleOptions Schedule => schedule.Value;
    public DemoMode Demo => demo;
}
