using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Outbox;

/// <summary>
/// Erases sent and failed mail older than <see cref="OutboundOptions.EraseAfterDays"/>: its address, subject and text,
/// which the ISP should not keep for ever. The row stays with its dedup key, kind and dates, so a campaign sent again
/// still skips whoever already had it. A few thousand rows at a time, so one sweep never holds the table for long.
/// </summary>
public sealed class OutboxSweep(PortalDatabase database, IOptions<OutboundOptions> options, TimeProvider time) : IHousekeepingSweep
{
    private const int Batch = 2_000;
    private const int BatchesPerSweep = 25;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (options.Value.EraseAfterDays == 0) return 0;
        var now = time.GetUtcNow();
        var erased = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var batch = 0; batch < BatchesPerSweep; batch++)
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(database.Query("Outbox", "EraseOld"),
                new { Now = now, Before = now.AddDays(-options.Value.EraseAfterDays), Max = Batch }, cancellationToken: cancellationToken));
            erased += rows;
            if (rows < Batch) break;
        }

        return erased;
    }
}
