using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>
/// The release as operators get it: `dotnet publish` of the site, `portal` and `portal-probe` into one folder (as the README's
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

        // Native AOT compiles for this machine at publish time, so it cannot take the suite's build; its references are
        // that build (not rebuilt while other tests run from it).
        var native = await ExternalProgram.RunAsync("dotnet", ["publish", Path.Combine(Sources, "Portal.Probe/Portal.Probe.csproj"), "-c", Configuration,
            "-p:BuildProjectReferences=false", "-o", Folder], timeout: TimeSpan.FromMinutes(5));
        if (native.ExitCode != 0) throw new InvalidOperationException($"dotnet publish Portal.Probe failed:{Environment.NewLine}{native.Output}{native.Error}");
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
