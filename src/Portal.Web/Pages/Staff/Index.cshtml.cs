using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Core.Probe;

namespace Portal.Web.Pages.Staff;

/// <summary>The console's start: find a member by account, address or name, or a test result by the code a member reads out.</summary>
public sealed class IndexModel(MemberStore members, ProbeResultStore results) : PageModel
{
    public const int Shown = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Member> Found { get; private set; } = [];

    public StoredProbe? FoundResult { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Query)) return;
        FoundResult = await results.FindAsync(Query, cancellationToken);
        Found = await members.SearchAsync(Query, Shown, cancellationToken);
    }
}
