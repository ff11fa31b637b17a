using System.Reflection;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Tests.Configuration;

/// <summary>The README's configuration table lists every key the options classes bind.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Every_configuration_key_is_documented()
    {
        var readme = File.ReadAllText(Path.Combine(PortalPaths.Locate().ContentRoot, "..", "..", "README.md"));
        var keys = Keys(typeof(IspOptions), IspOptions.Section)
            .Concat(Keys(typeof(ScheduleOptions), ScheduleOptions.Section))
            .Concat(Keys(typeof(DatabaseOptions), DatabaseOptions.Section))
            .Concat(Keys(typeof(DemoSubmissionOptions), DemoSubmissionOptions.SectionName))
            .Concat(Keys(typeof(Portal.Core.Probe.ProbeOptions), Portal.Core.Probe.ProbeOptions.Section))
            .Concat(Keys(typeof(Portal.Core.CheckMail.CheckMailOptions), Portal.Core.CheckMail.CheckMailOptions.Section))
            .Concat(Keys(typeof(Portal.Core.Outbox.OutboundOptions), Portal.Core.Outbox.OutboundOptions.Section))
            .Concat(Keys(typeof(Portal.Core.Staff.StaffOptions), Portal.Core.Staff.StaffOptions.Section))
            .Concat(Keys(typeof(Portal.Core.SupportLinks.SupportLinkOptions), Portal.Core.SupportLinks.SupportLinkOptions.Section))
            .Concat(Keys(typeof(Portal.Core.AutoSetup.AutoSetupOptions), Portal.Core.AutoSetup.AutoSetupOptions.Section))
            .ToList();

        Assert.Contains("Isp:Submission:Port", keys);
        var undocumented = keys.Where(k => !readme.Contains($"| `{k}` |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"Not in the README's table: {string.Join(", ", undocumented)}");
    }

    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (kind.IsPrimitive || kind.IsEnum || kind.IsArray || kind == typeof(string) || kind == typeof(DateOnly) || kind.IsGenericType)
                yield return $"{prefix}:{property.Name}";
            else
                foreach (var key in Keys(kind, $"{prefix}:{property.Name}")) yield return key;
        }
    }
}
