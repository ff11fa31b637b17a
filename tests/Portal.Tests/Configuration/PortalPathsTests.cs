using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

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
    public void Neither_layout_gives_a_message_that_says_what_to_do()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => PortalPaths.Locate("/"));

        Assert.Contains("Portal.sln", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
