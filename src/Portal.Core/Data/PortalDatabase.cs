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
        // Dapper's handlers are global and cached per query: register them once, before the first query.
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
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private DbConnection Create() => Provider == DatabaseProvider.SqlServer
        ? new SqlConnection(Location.ConnectionString)
        : new SqliteConnection(Location.ConnectionString);

    public string Query(string feature, string name) => SqlFiles.Query(Provider, feature, name);
}
