using Portal.Core.Configuration;

namespace Portal.Tests.Configuration;

public sealed class PortalPathsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_published_app_is_its_own_content_root()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "wwwroot"));

        var paths = PortalPaths.Locate(_folder.Path);

        Assert.Equal(_folder.Path, paths.ContentRoot);
        Assert.Equal(Path.Combine(_folder.Path, "wwwroot"), paths.WebRoot);
    }

    [Fact]
    public void In_a_source_tree_the_web_project_is_the_content_root_and_the_top_level_wwwroot_is_served()
    {
        File.WriteAllText(_folder.File("Portal.sln"), "");
        var bin = Directory.CreateDirectory(Path.Combine(_folder.Path, "src", "Portal.Web", "bin", "Debug", "net10.0")).FullName;

        var paths = PortalPaths.Locate(bin);

        Assert.Equal(Path.Combine(_folder.Path, "src", "Portal.Web"), paths.ContentRoot);
        Assert.Equal(Path.Combine(_folder.Path, "wwwroot"), paths.WebRoot);
    }

    [Fact]
    public void The_tests_find_the_repository_wwwroot()
    {
        var paths = PortalPaths.Locate();

        Assert.True(File.Exists(Path.Combine(paths.WebRoot, "css", "site.css")), paths.WebRoot);
    }

    [Fact]
    public void Published_into_a_folder_of_a_clone_the_app_is_still_its_own_content_root()
    {
        // `dotnet publish -o out/cli` in a clone: a CLI published alone has no wwwroot, and must not use src/Portal.Web's App_Data.
        File.WriteAllText(_folder.File("Portal.sln"), "");
        var output = Directory.CreateDirectory(Path.Combine(_folder.Path, "out", "cli")).FullName;

        var paths = PortalPaths.Locate(output);

        Assert.Equal(output, paths.ContentRoot);
        Assert.Equal(Path.Combine(output, "wwwroot"), paths.WebRoot);
    }

    public void Dispose() => _folder.Dispose();
}
