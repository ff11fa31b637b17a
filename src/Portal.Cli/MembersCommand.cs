using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Staff;

namespace Portal.Cli;

/// <summary>`portal members import FILE [--valid-only]`: the same validation as the console; nothing is imported from an invalid file unless asked.</summary>
internal static class MembersCommand
{
    public static async Task<int> ImportAsync(IServiceProvider services, string file, bool validOnly, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read {file}: {e.Message}");
            return PortalCommand.Usage;
        }

        // The programs the site has a guide for, as the console's import knows them.
        var programs = Portal.Core.Guides.GuideLibrary.Load(Portal.Core.Guides.GuideLibrary.BuiltIn()).All("ja").Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var report = MemberCsv.Read(bytes, programs);
        await output.WriteLineAsync($"{file}: {report.Encoding}, {report.Rows} row(s), {report.Valid.Count} valid, {report.Problems.Count} problem(s)");
        foreach (var p in report.Problems) await output.WriteLineAsync($"  line {p.Line}{(p.Field.Length > 0 ? $", {p.Field}" : "")}: {p.Reason}");
        if (report.Valid.Count == 0 || (report.Problems.Count > 0 && !validOnly))
        {
            await error.WriteLineAsync(report.Problems.Count > 0 && report.Valid.Count > 0
                ? "Nothing imported. Fix the file, or import only the valid rows with --valid-only."
                : "Nothing imported.");
            return PortalCommand.Failed;
        }

        var counts = await services.GetRequiredService<MemberStore>().UpsertAsync(report.Valid.Select(v => v.Row).ToList(), $"import of {Path.GetFileName(file)}", cancellationToken);
        await services.GetRequiredService<StaffAudit>().RecordAsync("portal (command line)", "members-imported",
            $"{Path.GetFileName(file)}: {counts.Added} added, {counts.Updated} updated, {report.Problems.Count} problem(s) skipped", cancellationToken);
        await output.WriteLineAsync($"Imported: {counts.Added} added, {counts.Updated} updated.");
        return PortalCommand.Ok;
    }
}
