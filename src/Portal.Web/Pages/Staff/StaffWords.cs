using Microsoft.Extensions.Localization;
using Portal.Core.Guides;
using Portal.Core.Localization;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Staff;

/// <summary>
/// What the console shows in place of stored ids: a program's name, a language's name, an e-mail's state and a staff
/// action, in the staff member's language; an id nothing names (a program since removed) is shown as it is.
/// </summary>
public sealed class StaffWords(GuideLibrary guides, IStringLocalizer<PortalText> text)
{
    public string Program(string? id) =>
        id is null ? text["CheckMail.Unknown"] : guides.Find(id, PortalCultures.Current)?.Name ?? id;

    public string Language(string? code) => code is "ja" or "en" ? text[$"Staff.Language.{code}"] : code ?? "";

    public string MailStatus(string status) => Named($"Staff.MailStatus.{status}", status);

    public string Action(string action) => Named($"Staff.Action.{action}", action);

    private string Named(string key, string fallback) => text[key] is { ResourceNotFound: false } found ? found.Value : fallback;
}
