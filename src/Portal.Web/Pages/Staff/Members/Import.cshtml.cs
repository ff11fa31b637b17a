using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Core.Staff;

namespace Portal.Web.Pages.Staff.Members;

/// <summary>
/// Members from a CSV: validated first, with every problem by line; nothing is imported from a file with problems
/// unless the admin ticks "import the valid rows only".
/// </summary>
[Authorize(Policy = StaffSession.AdminPolicy)]
[RequestSizeLimit(MemberCsv.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MemberCsv.MaxBytes + 64 * 1024)]
public sealed class ImportModel(MemberStore members, StaffAudit audit, GuideLibrary library) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool ValidOnly { get; set; }

    public ImportReport? Report { get; private set; }

    public UpsertCounts? Imported { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The program ids a file may use, with the names staff know them by, shown before a file is chosen.</summary>
    public IReadOnlyList<Guide> Programs => library.All(PortalCultures.Current);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Problem = "Staff.Import.NoFile";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        Report = MemberCsv.Read(buffer.ToArray(), library.All(PortalCultures.Default).Select(g => g.Id).ToHashSet(StringComparer.Ordinal));
        if (Report.Valid.Count > 0 && (Report.Problems.Count == 0 || ValidOnly))
        {
            Imported = await members.UpsertAsync(Report.Valid.Select(v => v.Row).ToList(), $"import of {Path.GetFileName(Upload.FileName)} by {User.Who()}", cancellationToken);
            await audit.RecordAsync(User.Who(), "members-imported",
                $"{Path.GetFileName(Upload.FileName)}: {Imported.Added} added, {Imported.Updated} updated, {Report.Problems.Count} problem(s) skipped", cancellationToken);
        }
        else
        {
            await audit.RecordAsync(User.Who(), "members-import-refused", $"{Path.GetFileName(Upload.FileName)}: {Report.Problems.Count} problem(s)", cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
