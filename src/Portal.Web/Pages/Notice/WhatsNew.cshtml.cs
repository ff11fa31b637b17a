using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages.Notice;

/// <summary>Dated changes to the guides, newest first, in the page's language.</summary>
public sealed class WhatsNewModel(GuideLibrary library) : PageModel
{
    public sealed record Item(DateOnly Date, string Text);

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public void OnGet()
    {
        var english = PortalCultures.Current == "en";
        Items = library.News.Select(n => new Item(n.Date, english ? n.En : n.Ja)).ToList();
    }
}
