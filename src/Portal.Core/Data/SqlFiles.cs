using System.Collections.Concurrent;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>
/// SQL lives in .sql files beside the feature that uses it, embedded as "sql/&lt;path&gt;": one file in the feature's
/// Sql folder where SQLite and SQL Server take the same text (e.g. Staff/Sql/EndSession.sql), and a file in each of
/// Sql/Sqlite and Sql/SqlServer where they differ (see Data/README.md).
/// </summary>
public static class SqlFiles
{
    public const string Prefix = "sql/";

    private static readonly ConcurrentDictionary<string, string> Files = new();
    private static readonly ConcurrentDictionary<(DatabaseProvider, string, string), string> ResolvedQueries = new();
    private static readonly HashSet<string> Embedded = Names().ToHashSet(StringComparer.Ordinal);

    public static string Dialect(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Sqlite",
        DatabaseProvider.SqlServer => "SqlServer",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The text of a feature's query for the given database: its own dialect's file, else the shared one.</summary>
    public static string Query(DatabaseProvider provider, string feature, string name) =>
        ResolvedQueries.GetOrAdd((provider, feature, name), static key =>
        {
            var (provider, feature, name) = key;
            var own = $"{Prefix}{feature}/Sql/{Dialect(provider)}/{name}.sql";
            var shared = $"{Prefix}{feature}/Sql/{name}.sql";
            return Embedded.Contains(own) ? Read(own)
                : Embedded.Contains(shared) ? Read(shared)
                : throw new InvalidOperationException($"There is no query '{own}' or '{shared}' embedded in {typeof(SqlFiles).Assembly.GetName().Name}.");
        });

    /// <summary>Every query (not the migrations) as (feature, name), whichever files hold it.</summary>
    public static IEnumerable<(string Feature, string Name)> Queries() => Names()
        .Where(n => !n.StartsWith($"{Prefix}Data/Migrations/", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..].Split('/'))
        .Select(parts => (Feature: parts[0], Name: Path.GetFileNameWithoutExtension(parts[^1])))
        .Distinct()
        .Order();

    /// <summary>Every embedded SQL file, by resource name (for the migration runner and the T-SQL parse test).</summary>
    public static IEnumerable<string> Names() =>
        typeof(SqlFiles).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static string Read(string resourceName) => Files.GetOrAdd(resourceName, Load);

    private static string Load(string name)
    {
        using var stream = typeof(SqlFiles).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The SQL file '{name}' is not embedded in {typeof(SqlFiles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
