using Portal.Core;
using Portal.Core.MemberMail;
using Portal.Web.Localization;

namespace Portal.Web.Staff;

/// <summary>
/// The member e-mails in each language, from Staff/Mail: the support-link e-mail (support-link.{ja,en}.txt) and the
/// text a new campaign starts from (campaign.{ja,en}.txt); a bad file stops start-up.
/// </summary>
public sealed class MemberMailTemplates
{
    public const string Folder = "Staff/Mail";

    private readonly IReadOnlyDictionary<string, MailTemplate> _templates;

    public MemberMailTemplates(IHostEnvironment environment)
    {
        var (templates, problems) = TryLoad(environment.ContentRootPath);
        if (problems.Count > 0) throw new PortalStartupException($"The member e-mail templates cannot be used:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}");
        _templates = templates;
    }

    /// <summary>Reads every template under the content root; the problems name their file.</summary>
    public static (IReadOnlyDictionary<string, MailTemplate> Templates, IReadOnlyList<string> Problems) TryLoad(string contentRoot)
    {
        var templates = new Dictionary<string, MailTemplate>();
        var problems = new List<string>();
        foreach (var (kind, language) in new[] { "support-link", "campaign" }.SelectMany(k => PortalCultures.All.Select(l => (k, l))))
        {
            var path = Path.Combine(contentRoot, Folder, $"{kind}.{language}.txt");
            try
            {
                var template = MailTemplate.Parse(File.ReadAllText(path));
                problems.AddRange(template.Problems().Select(p => $"{path}: {p}"));
                templates[$"{kind}.{language}"] = template;
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                problems.Add($"{path}: {e.Message}");
            }
        }

        return (templates, problems);
    }

    public MailTemplate For(string language) => _templates[$"support-link.{language}"];

    public MailTemplate CampaignStart(string language) => _templates[$"campaign.{language}"];
}
