using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file always, and a SQL Server database when
/// PORTAL_TEST_SQLSERVER holds a connection string (a database is created on that server and dropped afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "PORTAL_TEST_SQLSERVER";

    private readonly TempFolder? _folder;
    private readonly string? _sqlServerDatabase;
    private readonly string? _sqlServerMaster;

    private TestDatabase(PortalDatabase database, TempFolder? folder, string? sqlServerMaster, string? sqlServerDatabase)
    {
        Database = database;
        _folder = folder;
        _sqlServerMaster = sqlServerMaster;
        _sqlServerDatabase = sqlServerDatabase;
    }

    public PortalDatabase Database { get; }

    // One key ring per database, as every node of one deployment shares one.
    private readonly Microsoft.AspNetCore.DataProtection.IDataProtectionProvider _keyRing = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider();

    /// <summary>A node's one-way keys over this database; every node made here shares one secret, as nodes of one deployment do.</summary>
    public Portal.Core.DataProtection.OneWayKeys Keys(TimeProvider? time = null) => new(Database, _keyRing, time ?? TimeProvider.System);

    /// <summary>One theory row per database this machine can reach.</summary>
    public static TheoryData<DatabaseProvider> Available
    {
        get
        {
            var rows = new TheoryData<DatabaseProvider> { DatabaseProvider.Sqlite };
            if (!string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(SqlServerVariable))) rows.Add(DatabaseProvider.SqlServer);
            return rows;
        }
    }

    /// <summary>A new empty database; migrated unless asked not to be.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true, CancellationToken cancellationToken = default)
    {
        TestDatabase test;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = new TempFolder();
            var location = DatabaseLocation.Resolve(new DatabaseOptions { ConnectionString = folder.File("test.db") }, folder.Path);
            test = new TestDatabase(new PortalDatabase(location), folder, null, null);
        }
        else
        {
            var server = System.Environment.GetEnvironmentVariable(SqlServerVariable)
                         ?? throw new InvalidOperationException($"{SqlServerVariable} is not set.");
            var name = $"portal_test_{Guid.NewGuid():N}";
            await using (var master = new SqlConnection(server))
            {
                await master.OpenAsync(cancellationToken);
                await using var create = new SqlCommand($"CREATE DATABASE [{name}]", master);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = name };
            var location = new DatabaseLocation(DatabaseProvider.SqlServer, builder.ConnectionString, null);
            test = new TestDatabase(new PortalDatabase(location), null, server, name);
        }

        if (migrate) await test.Migrator().MigrateAsync(cancellationToken);
        return test;
    }

    public DatabaseMigrator Migrator() => new(Database, NullLogger<DatabaseMigrator>.Instance);

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }

        if (_sqlServerMaster is not null)
        {
            SqlConnection.ClearAllPools();
            await using var master = new SqlConnection(_sqlServerMaster);
            await master.OpenAsync();
            await using var drop = new SqlCommand($"ALTER DATABASE [{_sqlServerDatabase}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_sqlServerDatabase}]", master);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
