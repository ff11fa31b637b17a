using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages.Guides;

/// <summary>"Change your settings": every program, grouped by platform, the visitor's own platform first.</summary>
public sealed class IndexModel(GuideLibrary library, GuideValuesSource values) : PageModel
{
    public sealed record PlatformGroup(string Platform, IReadOnlyList<Guide> Guides, bool Suggested);

    public IReadOnlyList<PlatformGroup> Groups { get; private set; } = [];

    public GuideValues Values { get; private set; } = null!;

    /// <summary>"expired" or "invalid" when a support link that no longer works led here.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "link")]
    public string? Link { get; set; }

    public void OnGet()
    {
        var language = PortalCultures.Current;
        var suggested = PlatformHint.From(Request.Headers.UserAgent);
        var guides = library.All(language);
        Groups = GuideLibrary.Platforms
            .Select(p => new PlatformGroup(p, guides.Where(g => g.Platforms.Contains(p)).OrderBy(g => g.Order).ToList(), p == suggested))
            .Where(g => g.Guides.Count > 0)
            .OrderByDescending(g => g.Suggested)
            .ToList();
        Values = values.For(language);
    }
}
