using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Probe;

/// <summary>Deletes expired probe results and throttle entries older than any window, so both tables stay small.</summary>
public sealed class ProbeHousekeeping(PortalDatabase database, IOptions<ProbeOptions> options, TimeProvider time, ILogger<ProbeHousekeeping> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (System.Data.Common.DbException e)
            {
                // The next sweep tries again; the site keeps working meanwhile.
                logger.LogWarning(e, "Probe housekeeping could not clean up: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
