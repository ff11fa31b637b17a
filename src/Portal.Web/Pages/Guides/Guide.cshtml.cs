using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Html;
using Portal.Core.SupportLinks;

namespace Portal.Web.Pages.Guides;

/// <summary>One program's guide: the settings card, the steps with pictures, and what to do when sending fails.</summary>
public sealed class GuideModel(GuideLibrary library, GuideValuesSource values, SupportLinkSigner links) : PageModel
{
    /// <summary>A support link's token: with a good one the guide shows the member's own values.</summary>
    [BindProperty(SupportsGet = true, Name = "link")]
    public string? Link { get; set; }

    /// <summary>The member the page was prepared for by a support link, if any.</summary>
    public string? PreparedFor { get; private set; }

    /// <summary>A link that no longer works: the general guide, with a word why.</summary>
    public bool LinkExpired { get; private set; }

    /// <summary>The step the member just said looks different on their screen, to thank them there.</summary>
    [BindProperty(SupportsGet = true, Name = "reported")]
    public string? Reported { get; set; }

    public string Language => PortalCultures.Current;

    public Guide Guide { get; private set; } = null!;

    public GuideValues Values { get; private set; } = null!;

    public IReadOnlyList<ErrorAnswer> Errors { get; private set; } = [];

    /// <summary>The values the error help speaks in: the server and port this program really sends to.</summary>
    public GuideValues ErrorValues { get; private set; } = null!;

    public IActionResult OnGet(string program)
    {
        var language = PortalCultures.Current;
        if (library.Find(program, language) is not { } guide) return NotFound();
        Guide = guide;
        var check = string.IsNullOrEmpty(Link) ? null : links.Read(Link);
        PreparedFor = check is LinkCheck.Valid valid ? valid.Ticket.Address : null;
        LinkExpired = check is LinkCheck.Expired or LinkCheck.Invalid;
        // A page with a member's own values is theirs alone: no cache keeps it.
        if (PreparedFor is not null) Response.Headers.CacheControl = "no-store";
        Values = values.For(language, PreparedFor);
        ErrorValues = Values.SentBy(guide);
        Errors = ErrorAnswers.For(guide, library.CommonErrors(language), ErrorValues);
        return Page();
    }

    public IHtmlContent Picture(GuideStep step) =>
        new HtmlString(DialogPicture.Render(Guide.Pictures[step.Picture], Guide.Chrome, Values, $"picture-{step.Id}"));

    public IEnumerable<StepField> Fields(GuideStep step) => step.Fields.Where(f => Values.Applies(f.When));
}
