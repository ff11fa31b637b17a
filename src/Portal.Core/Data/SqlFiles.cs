using System.Collections.Concurrent;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>
/// SQL lives in .sql files beside the feature that uses it, one folder per dialect
/// (e.g. DataProtection/Sql/SqlServer/SelectKeys.sql), embedded as "sql/&lt;path&gt;".
/// </summary>
public static class SqlFiles
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public const string Prefix = "sql/";

    public static string Dialect(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Sqlite",
        DatabaseProvider.SqlServer => "SqlServer",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The text of a feature's query for the given database.</summary>
    public static string Query(DatabaseProvider provider, string feature, string name) =>
        Read($"{Prefix}{feature}/Sql/{Dialect(provider)}/{name}.sql");

    /// <summary>Every embedded SQL file, by resource name (for the migration runner and the T-SQL parse test).</summary>
    public static IEnumerable<string> Names() =>
        typeof(SqlFiles).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static string Read(string resourceName) => Cache.GetOrAdd(resourceName, static name =>
    {
        using var stream = typeof(SqlFiles).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The SQL file '{name}' is not embedded in {typeof(SqlFiles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
