using Portal.Tests.Infrastructure;

namespace Portal.Tests.Pages;

public sealed class PublishTests : IDisposable
{
    private readonly TempFolder _output = new();

    [Fact]
    public async Task Published_output_carries_the_top_level_wwwroot_and_serves_it()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var project = Path.Combine(Path.GetDirectoryName(Portal.Core.Configuration.PortalPaths.Locate().ContentRoot)!, "Portal.Web", "Portal.Web.csproj");
        var publish = await RunDotnet(["publish", project, "--no-build", "-c", configuration, "-o", _output.Path]);
        Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);

        Assert.True(File.Exists(Path.Combine(_output.Path, "wwwroot", "css", "site.css")));
        Assert.True(File.Exists(Path.Combine(_output.Path, "wwwroot", "img", "favicon.svg")));
        // Published, the app's own folder is its content root: it finds wwwroot there, not in a source tree.
        Assert.Equal(_output.Path, Portal.Core.Configuration.PortalPaths.Locate(_output.Path).ContentRoot);
    }

    private static async Task<PortalProcess.Result> RunDotnet(string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new PortalProcess.Result(process.ExitCode, await output, await error);
    }

    public void Dispose() => _output.Dispose();
}
