using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Health;

/// <summary>
/// Healthy when the database answers and holds every migration this build knows. /healthz is public: its answer says
/// only "database unreachable" or "database not migrated"; what went wrong (server, error, missing migration) goes to the log.
/// </summary>
public sealed class DatabaseHealthCheck(PortalDatabase database, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public const string Unreachable = "database unreachable";
    public const string NotMigrated = "database not migrated";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            await using var connection = await database.OpenAsync(timeout.Token);
            HashSet<string> applied;
            try
            {
                applied = (await connection.QueryAsync<string>(new CommandDefinition(
                    database.Query("Health", "AppliedMigrations"), cancellationToken: timeout.Token))).ToHashSet(StringComparer.Ordinal);
            }
            catch (System.Data.Common.DbException e)
            {
                logger.LogError(e, "Health: {Provider} answers but its migration journal cannot be read; run `portal migrate`", database.Provider);
                return HealthCheckResult.Unhealthy(NotMigrated);
            }

            var prefix = DatabaseMigrator.MigrationPrefix(database.Provider);
            var missing = SqlFiles.Names().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                .Select(n => n[prefix.Length..]).Where(n => !applied.Contains(n)).ToList();
            if (missing.Count == 0) return HealthCheckResult.Healthy("database answers");
            logger.LogError("Health: {Provider} answers but {Count} migrations are not applied (first: {First}); run `portal migrate`",
                database.Provider, missing.Count, missing[0]);
            return HealthCheckResult.Unhealthy(NotMigrated);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Health: {Provider} did not answer within {Seconds} s", database.Provider, Budget.TotalSeconds);
            return HealthCheckResult.Unhealthy(Unreachable);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            logger.LogError(e, "Health: {Provider} does not answer", database.Provider);
            return HealthCheckResult.Unhealthy(Unreachable);
        }
    }
}
