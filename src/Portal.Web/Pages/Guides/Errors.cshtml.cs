using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages.Guides;

/// <summary>"My program shows an error": pick the program and the error, get the cause and the step that fixes it. Works without JavaScript.</summary>
public sealed class ErrorsModel(GuideLibrary library, GuideValuesSource values) : PageModel
{
    public GuideValues Values { get; private set; } = null!;

    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public Guide? Program { get; private set; }

    public IReadOnlyList<ErrorAnswer> Choices { get; private set; } = [];

    public ErrorAnswer? Answer { get; private set; }

    /// <summary>A message for a program or error the lookup does not know (a stale or edited link).</summary>
    public string? Problem { get; private set; }

    /// <summary>What the member pasted or typed from their screen, or only the error's code.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Pasted { get; set; }

    /// <summary>The errors matching <see cref="Pasted"/>, with the program each belongs to.</summary>
    public IReadOnlyList<(Guide Program, ErrorAnswer Answer)> Found { get; private set; } = [];

    public void OnGet([FromQuery(Name = "client")] string? program, string? error)
    {
        var language = PortalCultures.Current;
        Guides = library.All(language);
        Values = values.For(language);
        if (!string.IsNullOrWhiteSpace(Pasted))
        {
            // In the chosen program's errors, or in every program's when none is chosen.
            var searched = string.IsNullOrEmpty(program) ? Guides : Guides.Where(g => g.Id == program).ToList();
            Found = searched.SelectMany(g => ErrorSearch.Find(ErrorAnswers.For(g, library.CommonErrors(language), Values.SentBy(g)), Pasted, Values.SentBy(g)).Select(a => (g, a)))
                .DistinctBy(f => (f.g.Id, f.a.Id)).Take(20).ToList();
            if (Found.Count == 0) Problem = "Errors.NothingFound";
            return;
        }

        if (string.IsNullOrEmpty(program)) return;

        Program = library.Find(program, language);
        if (Program is null)
        {
            Problem = "Errors.UnknownProgram";
            return;
        }

        Choices = ErrorAnswers.For(Program, library.CommonErrors(language), Values.SentBy(Program));
        if (string.IsNullOrEmpty(error)) return;

        Answer = Choices.FirstOrDefault(a => a.Id == error);
        if (Answer is null) Problem = "Errors.UnknownError";
    }
}
