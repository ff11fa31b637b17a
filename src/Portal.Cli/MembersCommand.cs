using Portal.Core;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Staff;

namespace Portal.Cli;

/// <summary>`portal members import FILE [--valid-only]`: the same validation as the console; nothing is imported from an invalid file unless asked.</summary>
internal static class MembersCommand
{
    public static async Task<int> ImportAsync(IServiceProvider services, string file, bool validOnly, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        Stream Open() => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        // The programs the site has a guide for, as the console's import knows them.
        var programs = Portal.Core.Guides.GuideLibrary.Load(Portal.Core.Guides.GuideLibrary.BuiltIn()).All("ja").Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        ImportReport report;
        try
        {
            report = await MemberCsv.CheckAsync(Open, programs, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read {file}: {e.Message}");
            return ExitCode.Usage;
        }

        await output.WriteLineAsync($"{file}: {report.Encoding}, {report.Rows} row(s), {report.ValidRows} valid, {report.ProblemCount} problem(s)");
        foreach (var p in report.Problems) await output.WriteLineAsync($"  line {p.Line}{(p.Field.Length > 0 ? $", {p.Field}" : "")}: {p.Reason}");
        if (report.ProblemCount > report.Problems.Count) await output.WriteLineAsync($"  ... and {report.ProblemCount - report.Problems.Count} more problem(s) not listed");
        if (report.ValidRows == 0 || (report.ProblemCount > 0 && !validOnly))
        {
            await error.WriteLineAsync(report.ProblemCount > 0 && report.ValidRows > 0
                ? "Nothing imported. Fix the file, or import only the valid rows with --valid-only."
                : "Nothing imported.");
            return ExitCode.Failed;
        }

        var rows = MemberCsv.ValidRowsAsync(Open, report, programs, cancellationToken).Select(v => v.Row);
        var counts = await services.GetRequiredService<MemberStore>().ImportAsync(rows, $"import of {Path.GetFileName(file)}", cancellationToken);
        await services.GetRequiredService<StaffAudit>().RecordAsync("portal (command line)", "members-imported",
            $"{Path.GetFileName(file)}: {counts.Added} added, {counts.Updated} updated, {report.ProblemCount} problem(s) skipped", cancellationToken);
        await output.WriteLineAsync($"Imported: {counts.Added} added, {counts.Updated} updated.");
        return ExitCode.Ok;
    }
}
