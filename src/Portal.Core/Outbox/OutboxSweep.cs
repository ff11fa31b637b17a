using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Outbox;

/// <summary>
/// Deletes sent and failed mail older than <see cref="OutboundOptions.KeepDays"/>: each row holds a member's address
/// and a message written for them, which the ISP should not keep for ever. A few thousand rows at a time, so one sweep
/// never holds the table for long; the next sweep goes on.
/// </summary>
public sealed class OutboxSweep(PortalDatabase database, IOptions<OutboundOptions> options, TimeProvider time) : IHousekeepingSweep
{
    private const int Batch = 2_000;
    private const int BatchesPerSweep = 25;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (options.Value.KeepDays == 0) return 0;
        var before = time.GetUtcNow().AddDays(-options.Value.KeepDays);
        var deleted = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var batch = 0; batch < BatchesPerSweep; batch++)
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                database.Query("Outbox", "DeleteOld"), new { Before = before, Max = Batch }, cancellationToken: cancellationToken));
            deleted += rows;
            if (rows < Batch) break;
        }

        return deleted;
    }
}
