using System.Data.Common;
using System.Runtime.CompilerServices;
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
            if (connection is SqliteConnection sqlite && !IsTuned(sqlite))
            {
                await using (var tune = Tune(sqlite)) await tune.ExecuteNonQueryAsync(cancellationToken);
                Tuned.AddOrUpdate(sqlite.Handle!, Marker);
            }

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
            if (connection is SqliteConnection sqlite && !IsTuned(sqlite))
            {
                using (var tune = Tune(sqlite)) tune.ExecuteNonQuery();
                Tuned.AddOrUpdate(sqlite.Handle!, Marker);
            }

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
    /// (only the last commits may be lost on power failure). Per connection: synchronous is not stored in the file, but
    /// it stays set on the native connection, which the pool keeps open; so it is said once per native connection, not
    /// at every open.
    /// </summary>
    private static SqliteCommand Tune(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL;";
        return command;
    }

    private static bool IsTuned(SqliteConnection connection) => connection.Handle is { } handle && Tuned.TryGetValue(handle, out _);

    /// <summary>Native connections already tuned; an entry goes with its connection.</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Tuned = new();

    private static readonly object Marker = new();

    private DbConnection Create() => Provider == DatabaseProvider.SqlServer
        ? new SqlConnection(Location.ConnectionString)
        : new SqliteConnection(Location.ConnectionString);

    public string Query(string feature, string name) => SqlFiles.Query(Provider, feature, name);
}
