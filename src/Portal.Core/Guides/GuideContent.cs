using Portal.Core.Configuration;

namespace Portal.Core.Guides;

// The shape of a guide file's front matter (see Guides/Content/README.md). Settable for YamlDotNet.

public sealed class Guide
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Short { get; set; }
    public string Versions { get; set; } = "";
    public List<string> Platforms { get; set; } = [];
    public string Era { get; set; } = "";
    public int Order { get; set; }
    public string Chrome { get; set; } = "plain";
    public string Open { get; set; } = "";
    public List<string> Sources { get; set; } = [];
    public string? Disagreements { get; set; }

    /// <summary>Where each label the guide shows was checked, or why it could not be (see <see cref="GuideLabels"/>).</summary>
    public List<LabelCheck> Checked { get; set; } = [];
    public List<GuideStep> Steps { get; set; } = [];
    public Dictionary<string, Picture> Pictures { get; set; } = [];
    public List<ClientError> Errors { get; set; } = [];

    /// <summary>
    /// The one-click set-up this program can use (one of <see cref="GuideLibrary.AutoSetupKinds"/>), offered in a box
    /// before the manual steps; none for programs that cannot set themselves up.
    /// </summary>
    public string? AutoSetup { get; set; }

    /// <summary>
    /// The connection securities the program can send with (StartTls, SslOnConnect, None); all when absent. Outlook
    /// Express 6, for one, does STARTTLS only on port 25, so it sends to the ISP's implicit-TLS port or not at all.
    /// </summary>
    public List<ConnectionSecurity>? Sends { get; set; }

    /// <summary>The Markdown after the front matter.</summary>
    public string Introduction { get; set; } = "";

    /// <summary>"ja" or "en": the file's language.</summary>
    public string Language { get; set; } = "";

    public GuideStep? StepFixing(string tag) => Steps.FirstOrDefault(s => s.Fixes.Contains(tag));

    /// <summary>The letters on the program's icon: <see cref="Short"/>, or the initials of its first two words.</summary>
    public string Abbreviation => Short ?? string.Concat(Name.Split([' ', '(', '（'], StringSplitOptions.RemoveEmptyEntries)
        .Where(w => char.IsLetterOrDigit(w[0])).Take(2).Select(w => w[0]));
}

/// <summary>
/// Labels checked against one source: an address (a web page, or a repository and file) and what it shows; or marked
/// unverified, with why. Labels are written exactly as the guide shows them.
/// </summary>
public sealed class LabelCheck
{
    public List<string> Labels { get; set; } = [];
    public string? Source { get; set; }
    public string? Shows { get; set; }
    public string? Unverified { get; set; }
}

public sealed class GuideStep
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public List<string> Menu { get; set; } = [];
    public string Text { get; set; } = "";
    public List<StepField> Fields { get; set; } = [];
    public string? Notes { get; set; }
    public string Picture { get; set; } = "";
    public List<string> Fixes { get; set; } = [];
}

public sealed class StepField
{
    public string Label { get; set; } = "";
    public string? Old { get; set; }
    public string New { get; set; } = "";
    public int? Callout { get; set; }
    public List<string>? When { get; set; }
}

public sealed class Picture
{
    public string Title { get; set; } = "";
    public List<string>? Tabs { get; set; }
    public int? Active { get; set; }
    public List<PictureControl> Controls { get; set; } = [];
}

public sealed class PictureControl
{
    public string Type { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Value { get; set; }
    public string? Checked { get; set; }
    public List<string>? Items { get; set; }
    public int? Selected { get; set; }
    public int? Callout { get; set; }
    public bool Highlight { get; set; }
    public int Indent { get; set; }

    /// <summary>Drawn to the right of the control above, on the same row (a host and its port, a row of radios).</summary>
    public bool Beside { get; set; }
    public List<string>? When { get; set; }
}

public sealed class ClientError
{
    public string Id { get; set; } = "";
    public string? Code { get; set; }
    public string Message { get; set; } = "";
    public string Cause { get; set; } = "";
    public string Step { get; set; } = "";
}

/// <summary>An error any program may report (a server reply); <see cref="Fix"/> is the tag of the step that fixes it.</summary>
public sealed class CommonError
{
    public string Id { get; set; } = "";

    /// <summary>Only for some security settings (see <see cref="GuideValues.Applies"/>).</summary>
    public List<string>? When { get; set; }
    public string? Code { get; set; }
    public string Message { get; set; } = "";
    public string Cause { get; set; } = "";
    public string Fix { get; set; } = "";
}

/// <summary>A dated change to the guides, for the What's new page.</summary>
public sealed class GuideNews
{
    public DateOnly Date { get; set; }
    public string Ja { get; set; } = "";
    public string En { get; set; } = "";
}
