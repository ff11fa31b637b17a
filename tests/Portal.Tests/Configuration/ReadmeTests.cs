using Portal.Core.Configuration;

namespace Portal.Tests.Configuration;

/// <summary>The README's configuration table lists every key the options classes bind.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Every_configuration_key_is_documented()
    {
        var readme = File.ReadAllText(Path.Combine(PortalPaths.Locate().ContentRoot, "..", "..", "README.md"));
        var keys = Portal.Tests.Infrastructure.ConfigurationKeys.All;

        Assert.Contains("Isp:Submission:Port", keys);
        Assert.Contains("DataProtection:PreviousCertificates:N:File", keys);
        var undocumented = keys.Where(k => !readme.Contains($"| `{k}` |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"Not in the README's table: {string.Join(", ", undocumented)}");
    }
}
