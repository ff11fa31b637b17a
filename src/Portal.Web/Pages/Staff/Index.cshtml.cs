using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;

namespace Portal.Web.Pages.Staff;

/// <summary>The console's start: find a member by account, address or name.</summary>
public sealed class IndexModel(MemberStore members) : PageModel
{
    public const int Shown = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Member> Found { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Query)) Found = await members.SearchAsync(Query, Shown, cancellationToken);
    }
}
