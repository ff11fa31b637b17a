namespace Portal.Core.Configuration;

/// <summary>
/// Where the portal's files are: the content root (appsettings, App_Data) and the web root (static files).
/// Both the web app and the CLI use this, so `portal migrate` finds the same database as the site.
/// </summary>
public sealed record PortalPaths(string ContentRoot, string WebRoot)
{
    public const string SolutionFile = "Portal.sln";

    /// <summary>
    /// Published, the app's folder holds wwwroot and is the content root. From a source tree (dotnet run, dotnet test),
    /// the content root is src/Portal.Web and the web root the repository's top-level wwwroot.
    /// </summary>
    public static PortalPaths Locate(string? baseDirectory = null)
    {
        var start = baseDirectory ?? AppContext.BaseDirectory;
        if (Directory.Exists(Path.Combine(start, "wwwroot")))
            return new PortalPaths(start, Path.Combine(start, "wwwroot"));

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return new PortalPaths(Path.Combine(dir.FullName, "src", "Portal.Web"), Path.Combine(dir.FullName, "wwwroot"));
        }

        throw new DirectoryNotFoundException(
            $"Cannot find the portal's files: '{start}' has no wwwroot folder and no parent folder holds {SolutionFile}. " +
            "Run the published portal from its own folder, or run from a clone of the repository.");
    }
}
