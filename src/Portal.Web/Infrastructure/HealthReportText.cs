using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Web.Infrastructure;

/// <summary>/healthz answers in plain text: the overall status, then one line per check with its reason.</summary>
internal static class HealthReportText
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var text = new StringBuilder().AppendLine(report.Status.ToString());
        foreach (var (name, entry) in report.Entries)
            text.AppendLine($"{name}: {entry.Status}: {entry.Description}");
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
