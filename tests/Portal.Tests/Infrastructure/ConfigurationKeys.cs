using System.Reflection;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Every configuration key the portal's options classes bind, found from the classes themselves (each has a public
/// const Section or SectionName): a list of values is one key ("Isp:DynamicRanges"), a list of objects one key per
/// property ("DataProtection:PreviousCertificates:N:File"), a dictionary one key ("CheckMail:PortByHost").
/// </summary>
public static class ConfigurationKeys
{
    public static IReadOnlyList<string> All { get; } = typeof(Portal.Core.PortalCoreServices).Assembly.GetTypes()
        .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static) ?? t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(t => t.Section is { IsLiteral: true } && t.Section.FieldType == typeof(string))
        .SelectMany(t => Keys(t.Type, (string)t.Section!.GetRawConstantValue()!))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>True when an environment variable's name (":" written "__") sets one of <see cref="All"/>.</summary>
    public static bool IsKnownEnvironmentName(string name)
    {
        var segments = name.Split("__");
        var key = string.Join(':', segments.Select(s => s.All(char.IsAsciiDigit) ? "N" : s));
        // A value of a list or dictionary: its key without the index or dictionary key.
        var container = string.Join(':', segments[..^1]);
        return All.Contains(key, StringComparer.OrdinalIgnoreCase) || (segments.Length > 1 && All.Contains(container, StringComparer.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var key = $"{prefix}:{property.Name}";
            if (IsValue(kind) || kind.IsArray)
                yield return key;
            else if (kind.IsGenericType && kind.GetGenericTypeDefinition() == typeof(List<>) && !IsValue(kind.GetGenericArguments()[0]))
                foreach (var item in Keys(kind.GetGenericArguments()[0], $"{key}:N")) yield return item;
            else if (kind.IsGenericType)
                yield return key;
            else
                foreach (var inner in Keys(kind, key)) yield return inner;
        }
    }

    private static bool IsValue(Type kind) => kind.IsPrimitive || kind.IsEnum || kind == typeof(string) || kind == typeof(DateOnly);
}
