using Portal.Core.Localization;
using Portal.Core.Content;

namespace Portal.Core.MemberMail;

/// <summary>
/// The member e-mails in each language, from MemberMail/Content (built into the assembly): the support-link e-mail
/// (support-link.{ja,en}.txt) and the text a new campaign starts from (campaign.{ja,en}.txt); a bad file stops start-up.
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
        foreach (var (kind, language) in new[] { "support-link", "campaign" }.SelectMany(k => PortalCultures.All.Select(l => (k, l))))
        {
            var file = $"{kind}.{language}.txt";
            if (content.Read(file) is not { } text)
            {
                problems.Add($"{content.Origin}: {file} is missing");
                continue;
            }

            try
            {
                var template = MailTemplate.Parse(text);
                problems.AddRange(template.Problems().Select(p => $"{content.Origin}: {file}: {p}"));
                templates[$"{kind}.{language}"] = template;
            }
            catch (FormatException e)
            {
                problems.Add($"{content.Origin}: {file}: {e.Message}");
            }
        }

        return (templates, problems);
    }

    public MailTemplate For(string language) => _templates[$"support-link.{language}"];

    public MailTemplate CampaignStart(string language) => _templates[$"campaign.{language}"];
}
