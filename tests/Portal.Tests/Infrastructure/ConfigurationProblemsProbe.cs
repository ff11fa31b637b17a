using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Portal.Core;
using Portal.Core.Configuration;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The configuration problems the portal would report for some settings, without starting it, in Production (with the
/// test run's key certificate unless the settings name their own DataProtection settings).
/// </summary>
public sealed class ConfigurationProblemsProbe(Dictionary<string, string?> settings, string? contentRoot = null)
{
    public List<string> Problems()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = contentRoot ?? Path.GetTempPath() });
        if (!settings.Keys.Any(k => k.StartsWith("DataProtection:", StringComparison.Ordinal))) builder.Configuration.AddInMemoryCollection(KeyCertificate.Settings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPortalCore();
        using var host = builder.Build();
        return ConfigurationCheck.Run(host.Services).ToList();
    }
}
