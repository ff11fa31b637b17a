using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.DataProtection;

namespace Portal.Core.AutoSetup;

/// <summary>
/// How many one-click documents one client IP may fetch per minute (<see cref="AutoSetupOptions.RequestsPerClientIpPerMinute"/>).
/// They change nothing, but each costs work (a signed profile, a QR code), and a mail program asks only a few times
/// while it is set up. Counted in the database, so the limit holds across nodes.
/// </summary>
public sealed class AutoSetupAllowance(PortalDatabase database, OneWayKeys keys, IOptions<AutoSetupOptions> options, TimeProvider time, ILogger<AutoSetupAllowance> logger)
    : IHousekeepingSweep
{
    private const string Feature = "AutoSetup";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Counts this request and returns null, or returns when the client may ask again. A fixed window: up to twice the allowance can pass across a minute's end.</summary>
    public async Task<DateTimeOffset?> TryTakeAsync(string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Window.Ticks, TimeSpan.Zero);
        int requests;
        try
        {
            var clientIpHash = await keys.OfAsync(clientIp, cancellationToken);
            await using var connection = await database.OpenAsync(cancellationToken);
            requests = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                database.Query(Feature, "CountRequest"), new { ClientIpHash = clientIpHash, WindowStart = windowStart }, cancellationToken: cancellationToken));
        }
        catch (DbException e)
        {
            // The documents themselves need no database: a member setting up mail gets them while it is away, uncounted.
            logger.LogWarning("One-click set-up: the request could not be counted, so it was let through ({Reason})", e.Message);
            return null;
        }

        return requests > options.Value.RequestsPerClientIpPerMinute ? windowStart + Window : null;
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            database.Query(Feature, "DeleteOldWindows"), new { Before = time.GetUtcNow() - Window }, cancellationToken: cancellationToken));
    }
}
