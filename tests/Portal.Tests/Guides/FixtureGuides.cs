using Portal.Core.Guides;

namespace Portal.Tests.Guides;

/// <summary>A copy of the small valid guide library in Fixtures/, for a test to break one way at a time.</summary>
public sealed class FixtureGuides : IDisposable
{
    private readonly TempFolder _content = new();

    public FixtureGuides()
    {
        var fixtures = System.IO.Path.Combine(AppContext.BaseDirectory, "Guides", "Fixtures");
        foreach (var file in Directory.EnumerateFiles(fixtures, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(_content.Path, System.IO.Path.GetRelativePath(fixtures, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path => _content.Path;

    /// <summary>The sample program's guide file in one language.</summary>
    public string GuideFile(string language) => System.IO.Path.Combine(_content.Path, "sample-program", $"guide.{language}.md");

    /// <summary>Replaces text that must be in the guide file.</summary>
    public void Edit(string language, string from, string to)
    {
        var text = File.ReadAllText(GuideFile(language));
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(GuideFile(language), text.Replace(from, to, StringComparison.Ordinal));
    }

    public (GuideLibrary? Library, IReadOnlyList<string> Problems) Load() => GuideLibrary.TryLoad(Portal.Core.Content.ContentFiles.FromDirectory(_content.Path));

    public void Dispose() => _content.Dispose();
}
