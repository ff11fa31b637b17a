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
[RequestSizeLimit(MemberCsv.MaxUploadBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MemberCsv.MaxUploadBytes + 64 * 1024)]
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

        if (Upload.Length > MemberCsv.MaxUploadBytes)
        {
            Problem = "Staff.Import.TooLarge";
            Response.StatusCode = StatusCodes.Status413RequestEntityTooLarge;
            return Page();
        }

        // The upload is buffered to disk by the framework; it is read twice (checked, then imported), never held.
        var upload = Upload;
        Stream Open() => upload.OpenReadStream();
        var programs = library.All(PortalCultures.Default).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        Report = await MemberCsv.CheckAsync(Open, programs, cancellationToken);
        if (Report.ValidRows > 0 && (Report.ProblemCount == 0 || ValidOnly))
        {
            var rows = MemberCsv.ValidRowsAsync(Open, Report, programs, cancellationToken).Select(v => v.Row);
            Imported = await members.ImportAsync(rows, $"import of {Path.GetFileName(Upload.FileName)} by {User.Who()}", cancellationToken);
            await audit.RecordAsync(User.Who(), "members-imported",
                $"{Path.GetFileName(Upload.FileName)}: {Imported.Added} added, {Imported.Updated} updated, {Report.ProblemCount} problem(s) skipped", cancellationToken);
        }
        else
        {
            await audit.RecordAsync(User.Who(), "members-import-refused", $"{Path.GetFileName(Upload.FileName)}: {Report.ProblemCount} problem(s)", cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
