using System.Globalization;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>Applies the forward-only numbered migrations (Data/Migrations/&lt;dialect&gt;/NNNN_name.sql) with DbUp's journal table.</summary>
public sealed class DatabaseMigrator(PortalDatabase database, ILogger<DatabaseMigrator> logger)
{
    public const string JournalTable = "SchemaVersions";

    public static string MigrationPrefix(DatabaseProvider provider) => $"{SqlFiles.Prefix}Data/Migrations/{SqlFiles.Dialect(provider)}/";

    /// <summary>Brings the database up to date; returns the names of the scripts it ran. (DbUp itself is synchronous.)</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var location = database.Location;
        if (location.SqliteFile is { } file)
        {
            // Only the default App_Data folder is created here; a configured folder must exist (checked with the options).
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            // Write-ahead logging lets readers and one writer work at once; the setting is kept in the file.
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(location.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        var prefix = MigrationPrefix(location.Provider);
        var builder = location.Provider == DatabaseProvider.SqlServer
            ? DeployChanges.To.SqlDatabase(location.ConnectionString).JournalToSqlTable("dbo", JournalTable)
            : DeployChanges.To.SqliteDatabase(location.ConnectionString).JournalToSqliteTable(JournalTable);

        var engine = builder
            .WithScripts(SqlFiles.Names().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                .Select(n => new SqlScript(n[prefix.Length..], SqlFiles.Read(n))))
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful)
            throw new MigrationFailedException(result.ErrorScript?.Name, result.Error);

        return result.Scripts.Select(s => s.Name).ToList();
    }

    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{Message}", string.Format(CultureInfo.InvariantCulture, format, args));
        public void LogDebug(string format, params object[] args) => logger.LogDebug("{Message}", string.Format(CultureInfo.InvariantCulture, format, args));
        // DbUp narrates every step; the migrator's callers report what ran.
        public void LogInformation(string format, params object[] args) => logger.LogDebug("{Message}", string.Format(CultureInfo.InvariantCulture, format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", string.Format(CultureInfo.InvariantCulture, format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{Message}", string.Format(CultureInfo.InvariantCulture, format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", string.Format(CultureInfo.InvariantCulture, format, args));
    }
}

public sealed class MigrationFailedException(string? script, Exception? inner)
    : Exception($"Database migration failed{(script is null ? "" : $" in {script}")}: {inner?.Message}", inner);
