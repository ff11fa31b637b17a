using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Data;

/// <summary>Deletes what a feature no longer needs (expired results, old throttle rows), so its tables stay small.</summary>
public interface IHousekeepingSweep
{
    /// <summary>Returns how many rows went.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken);
}

/// <summary>Runs every registered sweep now and every ten minutes. Every node may run it: each sweep is one idempotent DELETE.</summary>
public sealed class Housekeeping(IEnumerable<IHousekeepingSweep> sweeps, TimeProvider time, ILogger<Housekeeping> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            foreach (var sweep in sweeps)
            {
                try
                {
                    await sweep.SweepAsync(stoppingToken);
                }
                catch (System.Data.Common.DbException e)
                {
                    // The next sweep tries again; the site keeps working meanwhile.
                    logger.LogWarning(e, "Housekeeping ({Sweep}) could not clean up: {Reason}", sweep.GetType().Name, e.Message);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
