using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Core.Staff;

namespace Portal.Web.Pages.Staff;

/// <summary>The members list with statuses as CSV (UTF-8 with a BOM, so Japanese spreadsheet programs read it right), streamed; admins only.</summary>
[Authorize(Policy = StaffSession.AdminPolicy)]
public sealed class ExportModel(MemberDashboard dashboard, StaffAudit audit, Microsoft.Extensions.Options.IOptions<Portal.Core.Configuration.ScheduleOptions> schedule) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await audit.RecordAsync(User.Who(), "members-exported", "", cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"members.csv\"";
        Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteAsync("account,email,name,program,language,status,last_seen_port25,first_seen_submission\r\n");
        await foreach (var (m, lastPort25, firstSubmission) in dashboard.AllAsync(cancellationToken))
            await writer.WriteAsync($"{Cell(m.Account)},{Cell(m.Email)},{Cell(m.Name)},{Cell(m.Program ?? "")},{m.Language},{m.Status},{When(lastPort25)},{When(firstSubmission)}\r\n");
        // Written already: the page itself renders nothing.
        return new EmptyResult();
    }

    // In the ISP's zone, as the console shows times; empty when the log has none.
    private string When(DateTimeOffset? at) => at is { } t ? Portal.Core.Localization.DateText.Time(t, schedule.Value.TimeZone, "yyyy-MM-dd HH:mm") : "";

    // Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a member's name as a formula.
    internal static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
