namespace Portal.Core.Guides;

/// <summary>The rules a guide file must follow; each broken rule becomes one problem naming the file and the place.</summary>
internal static class GuideCheck
{
    private static readonly string[] RequiredTags = ["server", "port", "security", "auth", "password", "test"];
    private static readonly string[] ReservedIds = ["errors"];

    public static void One(Guide g, string file, List<string> problems)
    {
        void Require(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"{file}: '{field}' is required");
        }

        Require("name", g.Name);
        Require("versions", g.Versions);
        Require("open", g.Open);
        if (!IdPattern(g.Id)) problems.Add($"{file}: id '{g.Id}' must be lower-case letters, digits and hyphens");
        if (ReservedIds.Contains(g.Id)) problems.Add($"{file}: id '{g.Id}' is taken by a page of its own (/guides/{g.Id})");
        if (g.Platforms.Count == 0) problems.Add($"{file}: 'platforms' needs at least one of {string.Join(", ", GuideLibrary.Platforms)}");
        foreach (var p in g.Platforms.Where(p => !GuideLibrary.Platforms.Contains(p)))
            problems.Add($"{file}: unknown platform '{p}' (known: {string.Join(", ", GuideLibrary.Platforms)})");
        if (!GuideLibrary.Eras.Contains(g.Era)) problems.Add($"{file}: era '{g.Era}' must be one of {string.Join(", ", GuideLibrary.Eras)}");
        if (!GuideLibrary.Chromes.Contains(g.Chrome)) problems.Add($"{file}: chrome '{g.Chrome}' must be one of {string.Join(", ", GuideLibrary.Chromes)}");
        if (g.AutoSetup is { } kind && !GuideLibrary.AutoSetupKinds.Contains(kind))
            problems.Add($"{file}: autoSetup '{kind}' must be one of {string.Join(", ", GuideLibrary.AutoSetupKinds)}");
        if (g.Sources.Count == 0) problems.Add($"{file}: 'sources' must say where the menus and labels were checked");
        foreach (var (check, index) in g.Checked.Select((c, i) => (c, i + 1)))
        {
            if (check.Labels.Count == 0) problems.Add($"{file}: checked {index} names no labels");
            var sourced = !string.IsNullOrWhiteSpace(check.Source);
            if (sourced == !string.IsNullOrWhiteSpace(check.Unverified))
                problems.Add($"{file}: checked {index} needs either a source (with what it shows) or 'unverified' with why, not both");
            else if (sourced && string.IsNullOrWhiteSpace(check.Shows)) problems.Add($"{file}: checked {index} ({check.Source}) must say what the source shows");
        }
        if (g.Steps.Count == 0) problems.Add($"{file}: a guide needs steps");

        foreach (var duplicate in g.Steps.GroupBy(s => s.Id).Where(d => d.Count() > 1))
            problems.Add($"{file}: step id '{duplicate.Key}' is used {duplicate.Count()} times");

        foreach (var (step, index) in g.Steps.Select((s, i) => (s, i + 1)))
        {
            var where = $"{file}: step {index} ({step.Id})";
            if (!IdPattern(step.Id)) problems.Add($"{where}: id must be lower-case letters, digits and hyphens");
            Require($"step {index} title", step.Title);
            if (string.IsNullOrWhiteSpace(step.Picture))
            {
                problems.Add($"{where}: has no picture");
                continue;
            }

            if (!g.Pictures.TryGetValue(step.Picture, out var picture))
            {
                problems.Add($"{where}: picture '{step.Picture}' is not defined under 'pictures'");
                continue;
            }

            foreach (var tag in step.Fixes.Where(t => !GuideLibrary.Tags.Contains(t)))
                problems.Add($"{where}: unknown tag '{tag}' in fixes (known: {string.Join(", ", GuideLibrary.Tags)})");
            foreach (var word in step.Fields.SelectMany(f => f.When ?? []).Where(w => !GuideValues.Conditions.Contains(w)))
                problems.Add($"{where}: unknown word '{word}' in when (known: {string.Join(", ", GuideValues.Conditions)})");
            var callouts = picture.Controls.Where(c => c.Callout is not null).Select(c => c.Callout!.Value).ToHashSet();
            foreach (var field in step.Fields.Where(f => f.Callout is not null && !callouts.Contains(f.Callout.Value)))
                problems.Add($"{where}: field '{field.Label}' has callout {field.Callout} but picture '{step.Picture}' has no control with that callout");
        }

        foreach (var tag in RequiredTags.Where(t => g.StepFixing(t) is null))
            problems.Add($"{file}: no step is tagged '{tag}' (every guide covers {string.Join(", ", RequiredTags)})");

        foreach (var (key, picture) in g.Pictures)
        {
            if (g.Steps.All(s => s.Picture != key)) problems.Add($"{file}: picture '{key}' is not used by any step");
            Require($"picture {key} title", picture.Title);
            if (picture.Controls.Count == 0) problems.Add($"{file}: picture '{key}' has no controls");
            if (picture.Tabs is { } tabs && (picture.Active is null || picture.Active < 0 || picture.Active >= tabs.Count))
                problems.Add($"{file}: picture '{key}' has tabs, so 'active' must be an index from 0 to {tabs.Count - 1}");
            if (picture.Controls.FirstOrDefault() is { Beside: true } first)
                problems.Add($"{file}: picture '{key}': control '{first.Label}' is beside nothing (the first control starts a row)");
            foreach (var control in picture.Controls)
            {
                if (!GuideLibrary.ControlTypes.Contains(control.Type))
                    problems.Add($"{file}: picture '{key}': unknown control type '{control.Type}' (known: {string.Join(", ", GuideLibrary.ControlTypes)})");
                foreach (var word in (control.When ?? []).Where(w => !GuideValues.Conditions.Contains(w)))
                    problems.Add($"{file}: picture '{key}': control '{control.Label}': unknown word '{word}' in when (known: {string.Join(", ", GuideValues.Conditions)})");
                if (control.Beside && control.Type is "section" or "list")
                    problems.Add($"{file}: picture '{key}': a {control.Type} takes a whole row and cannot be beside another control ('{control.Label}')");
                if (control.Checked is not null and not ("true" or "false" or "tls"))
                    problems.Add($"{file}: picture '{key}': control '{control.Label}' checked must be true, false or tls (was '{control.Checked}')");
            }
        }

        foreach (var duplicate in g.Errors.GroupBy(e => e.Id).Where(d => d.Count() > 1))
            problems.Add($"{file}: error id '{duplicate.Key}' is used {duplicate.Count()} times");
        foreach (var error in g.Errors)
        {
            if (g.Steps.All(s => s.Id != error.Step))
                problems.Add($"{file}: error '{error.Id}' points at step '{error.Step}', which does not exist");
            Require($"error {error.Id} message", error.Message);
            Require($"error {error.Id} cause", error.Cause);
        }
    }

    /// <summary>The Japanese and English files of a guide differ in words only.</summary>
    public static void SameShape(IReadOnlyList<Guide> ja, IReadOnlyList<Guide> en, List<string> problems)
    {
        foreach (var j in ja)
        {
            var e = en.FirstOrDefault(x => x.Id == j.Id);
            if (e is null) continue; // reported as a missing file already
            void Same<T>(string what, IEnumerable<T> a, IEnumerable<T> b)
            {
                if (!a.SequenceEqual(b)) problems.Add($"{j.Id}: the Japanese and English files differ in {what}");
            }

            Same("step ids", j.Steps.Select(s => s.Id), e.Steps.Select(s => s.Id));
            Same("pictures", j.Steps.Select(s => s.Picture), e.Steps.Select(s => s.Picture));
            Same("tags", j.Steps.Select(s => string.Join(",", s.Fixes)), e.Steps.Select(s => string.Join(",", s.Fixes)));
            Same("error ids", j.Errors.Select(x => x.Id), e.Errors.Select(x => x.Id));
            Same("platforms", j.Platforms, e.Platforms);
            Same("autoSetup", [j.AutoSetup ?? ""], [e.AutoSetup ?? ""]);
            Same("era, chrome and order", [j.Era, j.Chrome, j.Order.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                [e.Era, e.Chrome, e.Order.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    public static void CommonErrors(List<CommonError> errors, string file, List<string> problems)
    {
        foreach (var error in errors)
        {
            if (!GuideLibrary.Tags.Contains(error.Fix))
                problems.Add($"{file}: error '{error.Id}' fix '{error.Fix}' is not a known tag ({string.Join(", ", GuideLibrary.Tags)})");
            foreach (var word in (error.When ?? []).Where(w => !GuideValues.Conditions.Contains(w)))
                problems.Add($"{file}: error '{error.Id}': unknown word '{word}' in when (known: {string.Join(", ", GuideValues.Conditions)})");
            if (string.IsNullOrWhiteSpace(error.Message) || string.IsNullOrWhiteSpace(error.Cause))
                problems.Add($"{file}: error '{error.Id}' needs a message and a cause");
        }

        foreach (var duplicate in errors.GroupBy(e => e.Id).Where(d => d.Count() > 1))
            problems.Add($"{file}: error id '{duplicate.Key}' is used {duplicate.Count()} times");
    }

    private static bool IdPattern(string id) => id.Length > 0 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
