using System.Text.RegularExpressions;
using Portal.Core.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Core.Guides;

/// <summary>
/// Every guide in both languages, the errors any program may show and the guides' news, read from
/// Guides/Content (built into the assembly) once at start-up and checked as a whole: one bad file stops the site with
/// every problem named.
/// </summary>
public sealed partial class GuideLibrary
{
    public const string ContentFolder = "Guides/Content";

    public static readonly IReadOnlyList<string> Languages = ["ja", "en"];
    public static readonly IReadOnlyList<string> Placeholders = ["server", "port", "address", "user", "incomingServer", "incomingPort", "incomingProtocol", "isp", "implicitTlsServer", "implicitTlsPort"];
    public static readonly IReadOnlyList<string> Tags = ["server", "port", "security", "auth", "user", "password", "test"];
    public static readonly IReadOnlyList<string> Platforms = ["windows", "mac", "ios", "android", "any"];
    public static readonly IReadOnlyList<string> Eras = ["notice", "current", "generic"];
    public static readonly IReadOnlyList<string> Chromes = ["windows-xp", "windows-vista", "windows-11", "mac-aqua", "mac-modern", "ios", "android", "plain"];
    public static readonly IReadOnlyList<string> AutoSetupKinds = Portal.Core.AutoSetup.AutoSetupKind.All;
    public static readonly IReadOnlyList<string> ControlTypes = ["section", "text", "password", "checkbox", "radio", "select", "button", "label", "list"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    private readonly Dictionary<string, IReadOnlyList<Guide>> _guides;
    private readonly Dictionary<string, IReadOnlyList<CommonError>> _commonErrors;

    private GuideLibrary(Dictionary<string, IReadOnlyList<Guide>> guides, Dictionary<string, IReadOnlyList<CommonError>> commonErrors, IReadOnlyList<GuideNews> news)
    {
        _guides = guides;
        _commonErrors = commonErrors;
        News = news;
    }

    public IReadOnlyList<GuideNews> News { get; }

    /// <summary>Every guide in the language, in platform order then <see cref="Guide.Order"/>.</summary>
    public IReadOnlyList<Guide> All(string language) => _guides[Language(language)];

    public Guide? Find(string id, string language) => All(language).FirstOrDefault(g => g.Id == id);

    public IReadOnlyList<CommonError> CommonErrors(string language) => _commonErrors[Language(language)];

    private static string Language(string language) => language == "en" ? "en" : "ja";

    /// <summary>The guide content built into the portal.</summary>
    public static ContentFiles BuiltIn() => ContentFiles.Embedded(typeof(GuideLibrary).Assembly, ContentFolder);

    /// <summary>Reads and checks the content; throws with every problem named when anything is wrong.</summary>
    public static GuideLibrary Load(ContentFiles content)
    {
        var (library, problems) = TryLoad(content);
        if (problems.Count > 0)
            throw new PortalStartupException($"The guide content in {content.Origin} has {problems.Count} problem(s):{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", problems)}");
        return library!;
    }

    public static (GuideLibrary? Library, IReadOnlyList<string> Problems) TryLoad(ContentFiles content)
    {
        var problems = new List<string>();
        if (content.IsEmpty) return (null, [$"there is no guide content in {content.Origin}"]);

        var guides = Languages.ToDictionary(l => l, _ => new List<Guide>());
        var ids = content.Folders().ToList();
        if (ids.Count == 0) problems.Add($"there is no guide in {content.Origin} (one folder per program, each with {string.Join(" and ", Languages.Select(l => $"guide.{l}.md"))})");
        foreach (var id in ids)
        {
            foreach (var language in Languages)
            {
                var file = $"{id}/guide.{language}.md";
                if (content.Read(file) is not { } text)
                {
                    problems.Add($"{id}: guide.{language}.md is missing (every guide is written in {string.Join(" and ", Languages)})");
                    continue;
                }

                var guide = ReadGuide(file, text, language, problems);
                if (guide is null) continue;
                if (guide.Id != id) problems.Add($"{id}/guide.{language}.md: id '{guide.Id}' must equal the folder name '{id}'");
                GuideCheck.One(guide, $"{id}/guide.{language}.md", problems);
                guides[language].Add(guide);
            }
        }

        GuideCheck.SameShape(guides["ja"], guides["en"], problems);

        var commonErrors = new Dictionary<string, IReadOnlyList<CommonError>>();
        foreach (var language in Languages)
        {
            var errors = ReadYaml<List<CommonError>>(content, $"errors.{language}.yaml", problems) ?? [];
            GuideCheck.CommonErrors(errors, $"errors.{language}.yaml", problems);
            commonErrors[language] = errors;
        }

        if (!commonErrors["ja"].Select(e => e.Id).SequenceEqual(commonErrors["en"].Select(e => e.Id)))
            problems.Add("errors.ja.yaml and errors.en.yaml must list the same error ids in the same order");

        var news = ReadYaml<List<GuideNews>>(content, "whats-new.yaml", problems) ?? [];
        foreach (var item in news.Where(n => string.IsNullOrWhiteSpace(n.Ja) || string.IsNullOrWhiteSpace(n.En)))
            problems.Add($"whats-new.yaml: the entry of {item.Date:yyyy-MM-dd} needs both ja and en text");

        if (problems.Count > 0) return (null, problems);

        var ordered = guides.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<Guide>)p.Value.OrderBy(g => Platforms.ToList().IndexOf(g.Platforms[0])).ThenBy(g => g.Order).ThenBy(g => g.Id, StringComparer.Ordinal).ToList());
        return (new GuideLibrary(ordered, commonErrors, news.OrderByDescending(n => n.Date).ToList()), problems);
    }

    private static Guide? ReadGuide(string name, string text, string language, List<string> problems)
    {
        text = text.ReplaceLineEndings("\n");
        var match = FrontMatter().Match(text);
        if (!match.Success)
        {
            problems.Add($"{name}: must start with YAML front matter between two '---' lines");
            return null;
        }

        foreach (Match placeholder in PlaceholderPattern().Matches(text))
        {
            if (!Placeholders.Contains(placeholder.Groups[1].Value))
                problems.Add($"{name}: unknown placeholder {placeholder.Value} (known: {string.Join(", ", Placeholders.Select(p => $"{{{p}}}"))})");
        }

        try
        {
            var guide = Yaml.Deserialize<Guide>(match.Groups[1].Value) ?? new Guide();
            guide.Introduction = text[match.Length..].Trim();
            guide.Language = language;
            return guide;
        }
        catch (YamlException e)
        {
            // Lines are counted from the first line after the opening '---'.
            problems.Add($"{name}: line {e.Start.Line + 1}: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
    }

    private static T? ReadYaml<T>(ContentFiles content, string file, List<string> problems) where T : class
    {
        if (content.Read(file) is not { } text)
        {
            problems.Add($"{file} is missing");
            return null;
        }

        try
        {
            return Yaml.Deserialize<T>(text);
        }
        catch (YamlException e)
        {
            problems.Add($"{file}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
    }

    [GeneratedRegex(@"\A---\n(.*?)\n---(\n|\z)", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    internal static partial Regex PlaceholderPattern();
}
