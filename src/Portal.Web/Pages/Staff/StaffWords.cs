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

    /// <summary>A timeline or activity detail in words (see <see cref="SaidDetail"/>); anything else as it was recorded.</summary>
    public string Detail(string detail)
    {
        if (SaidDetail.Read(detail) is not { } said) return detail;
        string V(int i) => i < said.Values.Count ? said.Values[i] : "";
        object[] values = said.Key switch
        {
            "support-link" => [Program(V(0)), Language(V(1)), V(2)],
            "link-opened" => [Program(V(0)), Language(V(1))],
            "support-link-sent" => [V(0), Program(V(1)), Language(V(2)), V(3)],
            "probe" => [Named($"Probe.Status.{V(0)}", V(0)), V(1) == "ok" ? "" : Named($"Diagnosis.{V(1)}.Cause", V(1)), V(2), V(3), V(4)],
            "check-signed-in" or "check-from" => [Named($"CheckMail.Verdict.{V(0)}", V(0)), V(1), V(2).Length == 0 ? "" : Program(V(2)), V(3)],
            _ => [.. said.Values],
        };
        return text[$"Staff.Detail.{said.Key}"] is { ResourceNotFound: false } words ? string.Format(System.Globalization.CultureInfo.CurrentCulture, words.Value, values) : detail;
    }

    private string Named(string key, string fallback) => text[key] is { ResourceNotFound: false } found ? found.Value : fallback;
}
