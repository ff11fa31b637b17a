using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Data;

namespace Portal.Core.Health;

/// <summary>Healthy when the database answers and holds every migration this build knows; otherwise says why.</summary>
public sealed class DatabaseHealthCheck(PortalDatabase database) : IHealthCheck
{
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
                return HealthCheckResult.Unhealthy($"{database.Provider} answers but its migration journal cannot be read ({e.Message}); run `portal migrate`");
            }

            var prefix = DatabaseMigrator.MigrationPrefix(database.Provider);
            var missing = SqlFiles.Names().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                .Select(n => n[prefix.Length..]).Where(n => !applied.Contains(n)).ToList();
            return missing.Count == 0
                ? HealthCheckResult.Healthy($"{database.Provider} answers; {applied.Count} migrations applied")
                : HealthCheckResult.Unhealthy($"{database.Provider} answers but {missing.Count} migrations are not applied (first: {missing[0]}); run `portal migrate`");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} did not answer within {Budget.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} does not answer: {e.Message}");
        }
    }
}
