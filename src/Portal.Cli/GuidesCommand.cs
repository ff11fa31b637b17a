using Portal.Core;
using System.Text.Json;
using Portal.Core.Guides;

namespace Portal.Cli;

/// <summary>
/// `portal guides report`: per guide and language, how many of the labels it shows have a recorded source, how many
/// are marked unverified and how many are recorded nowhere; with --list, which. Reads the built-in content only.
/// </summary>
internal static class GuidesCommand
{
    public static async Task<int> ReportAsync(string? only, bool list, bool json, TextWriter output, TextWriter error)
    {
        var library = GuideLibrary.Load(GuideLibrary.BuiltIn());
        var guides = GuideLibrary.Languages.SelectMany(library.All).Where(g => only is null || g.Id == only)
            .OrderBy(g => g.Era != "notice").ThenBy(g => g.Id, StringComparer.Ordinal).ThenBy(g => g.Language == "en").ToList();
        if (guides.Count == 0)
        {
            await error.WriteLineAsync($"There is no guide '{only}'. Guides: {string.Join(", ", library.All("ja").Select(g => g.Id))}.");
            return ExitCode.Usage;
        }

        var reports = guides.Select(g => (Guide: g, Report: GuideLabels.Report(g))).ToList();
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(reports.Select(r => new
            {
                guide = r.Report.Guide, language = r.Report.Language, era = r.Guide.Era, shown = r.Report.Shown, sourced = r.Report.Sourced.Count,
                unverified = r.Report.Unverified.Select(l => new { label = l, why = r.Report.Why.GetValueOrDefault(l) }), unrecorded = r.Report.Unrecorded,
            })));
            return ExitCode.Ok;
        }

        await output.WriteLineAsync($"{"guide",-22} {"lang",-4} {"shown",5} {"source",6} {"unverified",10} {"unrecorded",10}");
        foreach (var (guide, report) in reports)
        {
            await output.WriteLineAsync($"{guide.Id,-22} {report.Language,-4} {report.Shown,5} {report.Sourced.Count,6} {report.Unverified.Count,10} {report.Unrecorded.Count,10}{(guide.Era == "notice" ? "  (notice)" : "")}");
            if (!list) continue;
            foreach (var label in report.Unverified) await output.WriteLineAsync($"    unverified: {label}  (why: {report.Why.GetValueOrDefault(label)})");
            foreach (var label in report.Unrecorded) await output.WriteLineAsync($"    unrecorded: {label}");
        }

        return ExitCode.Ok;
    }
}
