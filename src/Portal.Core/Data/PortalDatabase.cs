using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>Opens connections to the configured database and finds each feature's SQL for it.</summary>
public sealed class PortalDatabase
{
    static PortalDatabase()
    {
        // Dapper's handlers are global and cached per query: register them once, before the first query. Dapper maps Guid
        // and DateTimeOffset parameters itself and never asks a handler unless the built-in mapping is removed first.
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    public PortalDatabase(DatabaseLocation location) => Location = location;

    public DatabaseLocation Location { get; }

    public DatabaseProvider Provider => Location.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Create();
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite) await Tune(sqlite).ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Synchronous open, only for callers whose framework contract is synchronous (Data Protection's key store).</summary>
    public DbConnection Open()
    {
        var connection = Create();
        try
        {
            connection.Open();
            if (connection is SqliteConnection sqlite) Tune(sqlite).ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// In WAL mode a commit need not wait for the disk with synchronous=NORMAL, and stays safe against crashes
    /// (only the last commits may be lost on power failure). Per connection: synchronous is not stored in the file.
    /// </summary>
    private static SqliteCommand Tune(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL;";
        return command;
    }

    private DbConnection Create() => Provider == DatabaseProvider.SqlServer
        ? new SqlConnection(Location.ConnectionString)
        : new SqliteConnection(Location.ConnectionString);

    public string Query(string feature, string name) => SqlFiles.Query(Provider, feature, name);
}
