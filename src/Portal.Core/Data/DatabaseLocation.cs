using Microsoft.Data.SqlClient;
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

    /// <summary>Problems with the options, each naming the key; never echoes a connection string (it may hold a password).</summary>
    public static IReadOnlyList<string> Check(DatabaseOptions options, string contentRoot)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            problems.Add($"Database:Provider: must be Sqlite or SqlServer (was {options.Provider})");
            return problems;
        }

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                problems.Add("Database:ConnectionString: is required when Database:Provider is SqlServer");
                return problems;
            }

            try
            {
                _ = new SqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                problems.Add($"Database:ConnectionString: is not a valid SQL Server connection string ({e.GetType().Name}: {e.Message})");
            }

            return problems;
        }

        DatabaseLocation location;
        try
        {
            location = Resolve(options, contentRoot);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            problems.Add($"Database:ConnectionString: is not a SQLite file path or connection string ({e.Message})");
            return problems;
        }

        var folder = Path.GetDirectoryName(location.SqliteFile);
        var isDefault = string.IsNullOrWhiteSpace(options.ConnectionString);
        // The default App_Data folder is created on first run; a folder the operator named must already exist.
        if (!isDefault && folder is not null && !Directory.Exists(folder))
            problems.Add($"Database:ConnectionString: the folder '{folder}' for the SQLite file does not exist");
        else if (Directory.Exists(location.SqliteFile))
            problems.Add($"Database:ConnectionString: '{location.SqliteFile}' is a folder, not a SQLite file");

        return problems;
    }
}
