using Portal.Core.Configuration;
using Portal.Core.Localization;
using Portal.Core.Content;

namespace Portal.Core.MemberMail;

/// <summary>
/// The member e-mails in each language and for each phase of the move, from MemberMail/Content (built into the
/// assembly): the support-link e-mail (support-link.{phase}.{ja,en}.txt) and the text a new campaign starts from
/// (campaign.{phase}.{ja,en}.txt); a missing or bad file stops start-up.
/// </summary>
public sealed class MemberMailTemplates
{
    public const string Folder = "MemberMail/Content";

    private readonly IReadOnlyDictionary<string, MailTemplate> _templates;

    public MemberMailTemplates() : this(BuiltIn())
    {
    }

    public MemberMailTemplates(ContentFiles content)
    {
        var (templates, problems) = TryLoad(content);
        if (problems.Count > 0) throw new PortalStartupException($"The member e-mail templates cannot be used:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}");
        _templates = templates;
    }

    public static ContentFiles BuiltIn() => ContentFiles.Embedded(typeof(MemberMailTemplates).Assembly, Folder);

    /// <summary>Reads every template; the problems name their file.</summary>
    public static (IReadOnlyDictionary<string, MailTemplate> Templates, IReadOnlyList<string> Problems) TryLoad(ContentFiles content)
    {
        var templates = new Dictionary<string, MailTemplate>();
        var problems = new List<string>();
        var files = from kind in new[] { "support-link", "campaign" }
                    from phase in Enum.GetValues<MovePhase>()
                    from language in PortalCultures.All
                    select $"{kind}.{FileName(phase)}.{language}";
        foreach (var name in files)
        {
            var file = $"{name}.txt";
            if (content.Read(file) is not { } text)
            {
                problems.Add($"{content.Origin}: {file} is missing");
                continue;
            }

            try
            {
                var template = MailTemplate.Parse(text);
                problems.AddRange(template.Problems().Select(p => $"{content.Origin}: {file}: {p}"));
                templates[name] = template;
            }
            catch (FormatException e)
            {
                problems.Add($"{content.Origin}: {file}: {e.Message}");
            }
        }

        return (templates, problems);
    }

    /// <summary>The support-link e-mail as it reads in this phase: before a date it says what will happen, after it what has.</summary>
    public MailTemplate For(string language, MovePhase phase) => _templates[$"support-link.{FileName(phase)}.{language}"];

    public MailTemplate CampaignStart(string language, MovePhase phase) => _templates[$"campaign.{FileName(phase)}.{language}"];

    private static string FileName(MovePhase phase) => phase switch
    {
        MovePhase.Announced => "announced",
        MovePhase.ParallelRun => "parallel-run",
        _ => "port25-blocked",
    };
}
