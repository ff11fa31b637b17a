using Portal.Core;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Cli;

/// <summary>`portal migrate`: brings the configured database up to date.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            foreach (var problem in e.Failures) await error.WriteLineAsync(problem);
            return ExitCode.Usage;
        }

        var database = services.GetRequiredService<PortalDatabase>();
        await output.WriteLineAsync($"Database: {Describe(database.Location)}");
        try
        {
            var ran = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            if (ran.Count == 0) await output.WriteLineAsync("Already up to date.");
            foreach (var script in ran) await output.WriteLineAsync($"Applied {script}");
            return ExitCode.Ok;
        }
        catch (MigrationFailedException e)
        {
            await error.WriteLineAsync(e.Message);
            return ExitCode.Failed;
        }
    }

    /// <summary>Where the database is, without the password a connection string may hold.</summary>
    internal static string Describe(DatabaseLocation location)
    {
        if (location.SqliteFile is { } file) return $"SQLite file {file}";
        var builder = new SqlConnectionStringBuilder(location.ConnectionString);
        return $"SQL Server {builder.DataSource}, database {builder.InitialCatalog}";
    }
}
