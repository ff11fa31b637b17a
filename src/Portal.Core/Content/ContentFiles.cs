using System.Reflection;

namespace Portal.Core.Content;

/// <summary>
/// Text files the portal reads at run time (guides, member e-mails), by path within their folder ("becky-2/guide.ja.md").
/// The site and the CLI read them from their assembly, where the build embeds every file under a project's Content
/// folders (see the project file): published output cannot miss them, and no content root has to hold them.
/// </summary>
public sealed class ContentFiles
{
    public const string ResourcePrefix = "content/";

    private readonly IReadOnlyDictionary<string, string> _files;

    private ContentFiles(string origin, IReadOnlyDictionary<string, string> files)
    {
        Origin = origin;
        _files = files;
    }

    /// <summary>Where the files came from, for messages: a folder, or the folder embedded in an assembly.</summary>
    public string Origin { get; }

    /// <summary>The files embedded from <paramref name="folder"/> (e.g. "Guides/Content") of the project that built <paramref name="assembly"/>.</summary>
    public static ContentFiles Embedded(Assembly assembly, string folder)
    {
        var prefix = $"{ResourcePrefix}{folder.Trim('/')}/";
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // A build on Windows names the folders with backslashes.
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files[path[prefix.Length..]] = reader.ReadToEnd();
        }

        return new ContentFiles($"{folder} (embedded in {assembly.GetName().Name})", files);
    }

    /// <summary>The files of a folder on disk, read now (test fixtures, and content being written before it is built in).</summary>
    public static ContentFiles FromDirectory(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new ContentFiles(path, files);
    }

    public bool IsEmpty => _files.Count == 0;

    public bool Exists(string path) => _files.ContainsKey(path);

    /// <summary>The file's text, or null when there is no such file.</summary>
    public string? Read(string path) => _files.GetValueOrDefault(path);

    /// <summary>The names of the folders directly inside, in ordinal order.</summary>
    public IEnumerable<string> Folders() =>
        _files.Keys.Where(k => k.Contains('/', StringComparison.Ordinal)).Select(k => k[..k.IndexOf('/', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
