namespace Portal.Core.Configuration;

/// <summary>
/// Where the portal's files are: the content root (appsettings, App_Data) and the web root (static files).
/// Both the web app and the CLI use this, so `portal migrate` finds the same database as the site.
/// </summary>
public sealed record PortalPaths(string ContentRoot, string WebRoot)
{
    public const string SolutionFile = "Portal.sln";

    /// <summary>
    /// A build inside a clone of the repository (dotnet run, dotnet test: under its src/ or tests/ folder) has the web
    /// project as its content root and the repository's top-level wwwroot as its web root. Anything else is a published
    /// app: its own folder is the content root, wherever it was published (even into a folder of the clone).
    /// </summary>
    public static PortalPaths Locate(string? baseDirectory = null)
    {
        var start = Path.GetFullPath(baseDirectory ?? AppContext.BaseDirectory);
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, SolutionFile))) continue;
            var inside = Path.GetRelativePath(dir.FullName, start).Split(Path.DirectorySeparatorChar)[0];
            if (inside is "src" or "tests")
                return new PortalPaths(Path.Combine(dir.FullName, "src", "Portal.Web"), Path.Combine(dir.FullName, "wwwroot"));
            break;
        }

        return new PortalPaths(start.TrimEnd(Path.DirectorySeparatorChar), Path.Combine(start, "wwwroot"));
    }
}
