namespace Portal.Core.Guides;

/// <summary>How the labels of one guide file stand: each with a source, marked unverified, or not recorded at all.</summary>
public sealed record LabelReport(string Guide, string Language, IReadOnlyList<string> Sourced, IReadOnlyList<string> Unverified, IReadOnlyList<string> Unrecorded)
{
    /// <summary>Why each unverified label could not be checked, as its <c>checked</c> entry says.</summary>
    public IReadOnlyDictionary<string, string> Why { get; init; } = new Dictionary<string, string>();

    public int Shown => Sourced.Count + Unverified.Count + Unrecorded.Count;
}

/// <summary>
/// Every label a guide shows a member (menu items, the labels in its tables, the labels and option names in its
/// pictures, picture titles and tabs, the error texts it quotes), and whether the file's <c>checked</c> list records where each was seen.
/// A label is a claim about a real program: one with no source is a guess, and the report says so.
/// </summary>
public static partial class GuideLabels
{
    public static LabelReport Report(Guide guide)
    {
        var sourced = guide.Checked.Where(c => !string.IsNullOrWhiteSpace(c.Source)).SelectMany(c => c.Labels).Select(Normal).ToHashSet(StringComparer.Ordinal);
        var unverified = guide.Checked.Where(c => string.IsNullOrWhiteSpace(c.Source)).SelectMany(c => c.Labels).Select(Normal).ToHashSet(StringComparer.Ordinal);
        var shown = Shown(guide).ToList();
        return new LabelReport(guide.Id, guide.Language,
            shown.Where(sourced.Contains).ToList(),
            shown.Where(l => !sourced.Contains(l) && unverified.Contains(l)).ToList(),
            shown.Where(l => !sourced.Contains(l) && !unverified.Contains(l)).ToList())
        {
            Why = guide.Checked.Where(c => string.IsNullOrWhiteSpace(c.Source))
                .SelectMany(c => c.Labels.Select(l => (Label: Normal(l), Why: c.Unverified ?? "")))
                .DistinctBy(x => x.Label).ToDictionary(x => x.Label, x => x.Why, StringComparer.Ordinal),
        };
    }

    /// <summary>The distinct labels the guide shows, in the order a member meets them.</summary>
    public static IEnumerable<string> Shown(Guide guide)
    {
        IEnumerable<string?> All()
        {
            foreach (var step in guide.Steps)
            {
                foreach (var item in step.Menu) yield return item;
                // A field without a new value is a sentence under the step, not a label of the program. Its old and new
                // values say what to do ("ticked"); the option names the program shows are in the picture's controls.
                foreach (var field in step.Fields.Where(f => !string.IsNullOrEmpty(f.New))) yield return field.Label;

                if (!guide.Pictures.TryGetValue(step.Picture, out var picture)) continue;
                yield return picture.Title;
                foreach (var tab in picture.Tabs ?? []) yield return tab;
                foreach (var control in picture.Controls)
                {
                    yield return control.Label;
                    // A drop-down's value and a list's items are the program's words; a text box holds what the member types.
                    if (control.Type is "select") yield return Option(control.Value);
                    if (control.Type is "list") foreach (var item in control.Items ?? []) yield return Option(item);
                }
            }

            foreach (var error in guide.Errors) yield return error.Message;
        }

        // A label that is nothing but a placeholder ({address}) shows the member's own value, not the program's words.
        return All().Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => Normal(l!)).Where(l => !OnlyPlaceholder().IsMatch(l)).Distinct(StringComparer.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\{[A-Za-z]+\}$")]
    private static partial System.Text.RegularExpressions.Regex OnlyPlaceholder();

    /// <summary>A value that names one of the program's options; not one the member types (a server, a port, an address).</summary>
    private static string? Option(string? value) =>
        value is null || value.Contains('{', StringComparison.Ordinal) || value.All(c => char.IsDigit(c) || c is ' ' or '.') ? null : value;

    private static string Normal(string label) => label.Trim();
}
