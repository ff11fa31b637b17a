using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>
/// The release as operators get it: `dotnet publish` of the site and of `portal` into one folder (as the README's
/// "Deploying" says), done once for the tests that deploy it. The build is the one the suite runs on (--no-build).
/// </summary>
public sealed class PublishedPortal : IAsyncLifetime
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly TempFolder _folder = new();

    /// <summary>The publish folder (what is copied to /opt/portal).</summary>
    public string Folder => _folder.Path;

    /// <summary>The repository's src folder, where the projects and Deploy/ files are.</summary>
    public static string Sources { get; } = Path.GetDirectoryName(Portal.Core.Configuration.PortalPaths.Locate().ContentRoot)!;

    public static string DeployFile(string name) => Path.Combine(Sources, "Portal.Web", "Deploy", name);

    public async Task InitializeAsync()
    {
        foreach (var project in new[] { "Portal.Web/Portal.Web.csproj", "Portal.Cli/Portal.Cli.csproj" })
        {
            var publish = await ExternalProgram.RunAsync("dotnet", ["publish", Path.Combine(Sources, project), "--no-build", "-c", Configuration, "-o", Folder],
                timeout: TimeSpan.FromMinutes(3));
            if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish {project} failed:{Environment.NewLine}{publish.Output}{publish.Error}");
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
