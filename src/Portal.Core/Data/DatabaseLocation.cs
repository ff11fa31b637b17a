using Microsoft.Data.Sqlite;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>Turns the Database options into a usable connection string, resolving SQLite paths against the content root.</summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString, string? SqliteFile)
{
    public static DatabaseLocation Resolve(DatabaseOptions options, string contentRoot)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
            return new DatabaseLocation(DatabaseProvider.SqlServer, options.ConnectionString ?? "", null);

        var configured = string.IsNullOrWhiteSpace(options.ConnectionString) ? DatabaseOptions.DefaultSqliteFile : options.ConnectionString.Trim();
        var builder = configured.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(configured)
            : new SqliteConnectionStringBuilder { DataSource = configured };
        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        builder.ForeignKeys = true;
        builder.Pooling = true;
        return new DatabaseLocation(DatabaseProvider.Sqlite, builder.ToString(), builder.DataSource);
    }
}
