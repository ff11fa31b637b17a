namespace Portal.Core.Configuration;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The default SQLite file, relative to the content root.</summary>
    public const string DefaultSqliteFile = "App_Data/portal.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a file path or a "Data Source=..." string (relative paths are under the content root). SQL Server: a connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Run migrations when the web app starts. Unset means yes for SQLite and no for SQL Server, which migrates through `portal migrate`.</summary>
    public bool? MigrateOnStart { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
