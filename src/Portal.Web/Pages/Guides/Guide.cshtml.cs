using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Html;
using Portal.Web.Guides;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Guides;

/// <summary>One program's guide: the settings card, the steps with pictures, and what to do when sending fails.</summary>
public sealed class GuideModel(GuideLibrary library, GuideValuesSource values) : PageModel
{
    public Guide Guide { get; private set; } = null!;

    public GuideValues Values { get; private set; } = null!;

    public IReadOnlyList<ErrorAnswer> Errors { get; private set; } = [];

    public IActionResult OnGet(string client)
    {
        var language = PortalCultures.Current;
        if (library.Find(client, language) is not { } guide) return NotFound();
        Guide = guide;
        Values = values.For(language);
        Errors = ErrorAnswers.For(guide, library.CommonErrors(language), Values);
        return Page();
    }

    public IHtmlContent Picture(GuideStep step) =>
        new HtmlString(DialogPicture.Render(Guide.Pictures[step.Picture], Guide.Chrome, Values, $"picture-{step.Id}"));

    public IEnumerable<StepField> Fields(GuideStep step) => step.Fields.Where(f => Values.Applies(f.When));
}
