using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Guides;
using Portal.Core.Localization;

namespace Portal.Web.Pages.Staff;

/// <summary>Where members said their screen looks different, per guide and step, most reported first, with what they wrote.</summary>
public sealed class ScreenReportsModel(ScreenReports reports, GuideLibrary library, IOptions<ScheduleOptions> schedule) : PageModel
{
    public IReadOnlyList<ScreenReportCount> Counts { get; private set; } = [];

    public ILookup<(string Guide, string Step), ScreenReport> Said { get; private set; } = Array.Empty<ScreenReport>().ToLookup(r => (r.Guide, r.Step));

    public string Time(DateTimeOffset at) => DateText.Time(at, schedule.Value.TimeZone, "yyyy-MM-dd HH:mm");

    /// <summary>The guide's name and the step's number and title, in the staff member's language; the ids when the guide has changed since.</summary>
    public (string Guide, string Step) Where(string guideId, string stepId)
    {
        if (library.Find(guideId, PortalCultures.Current) is not { } guide) return (guideId, stepId);
        var index = guide.Steps.FindIndex(s => s.Id == stepId);
        return (guide.Name, index < 0 ? stepId : $"{index + 1}. {guide.Steps[index].Title}");
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await reports.CountsAsync(cancellationToken);
        Said = (await reports.RecentAsync(500, cancellationToken)).Where(r => r.WhatTheySee is not null || r.ProgramVersion is not null).ToLookup(r => (r.Guide, r.Step));
    }
}
