using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Web.Pages.Notice;

/// <summary>The phased move, in date order, each stage marked done or coming.</summary>
public sealed class ScheduleModel(IOptions<ScheduleOptions> schedule, TimeProvider time) : PageModel
{
    public sealed record Stage(DateOnly Date, string TextKey, bool Done);

    public ScheduleOptions Schedule => schedule.Value;

    public IReadOnlyList<Stage> Stages { get; private set; } = [];

    public void OnGet()
    {
        var s = schedule.Value;
        var today = s.Today(time);
        Stages = new[]
            {
                (s.DynamicRangesDisclosed, "Schedule.Disclosed"), (s.ParallelRunStarts, "Schedule.Parallel"),
                (s.Port25Blocked, "Schedule.Block"), (s.MobileDirectSendBlocked, "Schedule.Mobile"),
            }
            .OrderBy(x => x.Item1)
            .Select(x => new Stage(x.Item1, x.Item2, x.Item1 <= today))
            .ToList();
    }
}
