using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Probe;

/// <summary>Deletes expired probe results and throttle entries older than any window.</summary>
public sealed class ProbeSweep(PortalDatabase database, IOptions<ProbeOptions> options, TimeProvider time) : IHousekeepingSweep
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var limits = options.Value.Limits;
        var longest = TimeSpan.FromMinutes(Math.Max(limits.PerAccountWindowMinutes, limits.PerClientIpWindowMinutes));
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var attempts = await connection.ExecuteAsync(new CommandDefinition(database.Query("Probe", "DeleteOldAttempts"), new { Before = now - longest }, cancellationToken: cancellationToken));
        var results = await connection.ExecuteAsync(new CommandDefinition(database.Query("Probe", "DeleteExpiredResults"), new { Now = now }, cancellationToken: cancellationToken));
        return attempts + results;
    }
}
