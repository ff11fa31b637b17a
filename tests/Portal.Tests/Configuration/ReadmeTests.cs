using Portal.Core.Configuration;

namespace Portal.Tests.Configuration;

/// <summary>The README's configuration table lists every key the options classes bind.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Every_configuration_key_is_documented()
    {
        var readme = File.ReadAllText(Path.Combine(PortalPaths.Locate().ContentRoot, "..", "..", "README.md"));
        var keys = Portal.Tests.Infrastructure.ConfigurationKeys.All;

        Assert.Contains("Isp:Submission:Port", keys);
        Assert.Contains("DataProtection:PreviousCertificates:N:File", keys);
        var undocumented = keys.Where(k => !readme.Contains($"| `{k}` |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"Not in the README's table: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void The_map_of_the_tree_names_every_feature_folder_and_only_what_exists()
    {
        var root = Path.GetFullPath(Path.Combine(PortalPaths.Locate().ContentRoot, "..", ".."));
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var map = readme[readme.IndexOf("## What is where", StringComparison.Ordinal)..readme.IndexOf("## Guides are content", StringComparison.Ordinal)];
        var rows = map.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| feature", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();
        var bases = new[] { "src/Portal.Core", "src/Portal.Web", "tests/Portal.Tests" };

        var missing = new List<string>();
        foreach (var row in rows)
        {
            for (var column = 0; column < 3; column++)
            {
                foreach (System.Text.RegularExpressions.Match token in System.Text.RegularExpressions.Regex.Matches(row[column + 2], "`([^`]+)`"))
                {
                    var path = token.Groups[1].Value.TrimEnd('/');
                    if (path.Contains(' ', StringComparison.Ordinal) || path.StartsWith('/') || path.StartsWith("portal", StringComparison.Ordinal)) continue; // words and URLs, not paths
                    var full = path.StartsWith("src/", StringComparison.Ordinal) || path.StartsWith("tests/", StringComparison.Ordinal) || path.StartsWith("wwwroot", StringComparison.Ordinal)
                        ? Path.Combine(root, path)
                        : Path.Combine(root, bases[column], path);
                    if (!Directory.Exists(full) && !File.Exists(full) && !File.Exists(full + ".cshtml")) missing.Add($"{bases[column]}: {path}");
                }
            }
        }

        var unnamed = bases.Select(b => (Base: b, Folder: Path.Combine(root, b)))
            .Concat([(Base: "src/Portal.Web/Pages", Folder: Path.Combine(root, "src/Portal.Web/Pages"))])
            .SelectMany(b => Directory.EnumerateDirectories(b.Folder).Select(d => (b.Base, Name: Path.GetFileName(d))))
            .Where(d => d.Name is not ("bin" or "obj" or "Properties" or "TestResults"))
            .Where(d => !map.Contains($"`{(d.Base.EndsWith("Pages", StringComparison.Ordinal) ? "Pages/" : "")}{d.Name}/", StringComparison.Ordinal))
            .Select(d => $"{d.Base}/{d.Name}").ToList();

        Assert.True(missing.Count == 0, $"The README's map names what is not there: {string.Join(", ", missing)}");
        Assert.True(unnamed.Count == 0, $"The README's map does not name: {string.Join(", ", unnamed)}");
    }
}
