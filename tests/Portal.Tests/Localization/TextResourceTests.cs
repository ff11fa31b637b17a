using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Core.Configuration;
using Portal.Web.Localization;

namespace Portal.Tests.Localization;

/// <summary>Both languages are complete: a key missing or empty in either fails here.</summary>
public sealed partial class TextResourceTests
{
    private static readonly string WebProject = PortalPaths.Locate().ContentRoot;

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void Japanese_and_English_have_the_same_keys_and_no_empty_text()
    {
        var ja = Read("PortalText.resx");
        var en = Read("PortalText.en.resx");

        Assert.Empty(ja.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(ja.Keys));
        Assert.Empty(ja.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"ja {p.Key}"));
        Assert.Empty(en.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"en {p.Key}"));
    }

    [Fact]
    public void Placeholders_match_between_languages()
    {
        var ja = Read("PortalText.resx");
        var en = Read("PortalText.en.resx");

        foreach (var (key, text) in ja)
        {
            var jaHoles = Placeholder().Matches(text).Select(m => m.Value).Distinct().Order();
            var enHoles = Placeholder().Matches(en[key]).Select(m => m.Value).Distinct().Order();
            Assert.True(jaHoles.SequenceEqual(enHoles), $"{key}: ja has {string.Join(",", jaHoles)}, en has {string.Join(",", enHoles)}");
        }
    }

    [Fact]
    public void Every_key_the_pages_use_exists()
    {
        var known = Read("PortalText.resx").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(WebProject, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Concat(Directory.EnumerateFiles(Path.Combine(WebProject, "Pages"), "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => KeyLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))))
            .Concat(Enum.GetNames<ConnectionSecurity>().Select(n => (File: "_SubmissionSettings", Key: $"Settings.Security.{n}")))
            .ToList();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !known.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}"));
    }

    [Fact]
    public void The_neutral_resources_are_Japanese()
    {
        var attribute = typeof(PortalText).Assembly.GetCustomAttributes(typeof(System.Resources.NeutralResourcesLanguageAttribute), false);
        Assert.Equal("ja", Assert.IsType<System.Resources.NeutralResourcesLanguageAttribute>(Assert.Single(attribute)).CultureName);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("""T\["([A-Za-z0-9.]+)"[\],]""")]
    private static partial Regex UsedKey();

    // Keys named in page models, e.g. new("/Notice/Overview", "Nav.Overview").
    [GeneratedRegex("\"([A-Z][A-Za-z]+\\.[A-Z][A-Za-z0-9.]*)\"")]
    private static partial Regex KeyLiteral();
}
