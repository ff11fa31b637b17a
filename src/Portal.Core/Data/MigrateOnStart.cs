using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>
/// Brings the database up to date before the site takes requests: always for the embedded SQLite file,
/// for SQL Server only when Database:MigrateOnStart is true (production migrates with `portal migrate`).
/// Registered before every other hosted service.
/// </summary>
public sealed class MigrateOnStart(IOptions<DatabaseOptions> options, DatabaseMigrator migrator, ILogger<MigrateOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ShouldMigrateOnStart)
        {
            logger.LogInformation("Database migrations are not run on start ({Provider}); run `portal migrate`", options.Value.Provider);
            return;
        }

        var ran = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation("Database is up to date ({Count} migrations applied now)", ran.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
