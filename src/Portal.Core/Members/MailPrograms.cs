namespace Portal.Core.Members;

/// <summary>The mail programs the portal has a guide for: one folder per program under Guides/Content (see its README).</summary>
public static class MailPrograms
{
    public static IReadOnlySet<string> Known(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, "Guides", "Content");
        return Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Where(d => File.Exists(Path.Combine(d, "guide.ja.md"))).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
    }
}
