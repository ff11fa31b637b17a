using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.AutoSetup;

/// <summary>
/// How many one-click documents one client IP may fetch per minute (<see cref="AutoSetupOptions.RequestsPerClientIpPerMinute"/>).
/// They change nothing, but each costs work (a signed profile, a QR code), and a mail program asks only a few times
/// while it is set up. Counted in the database, so the limit holds across nodes.
/// </summary>
public sealed class AutoSetupAllowance(PortalDatabase database, IOptions<AutoSetupOptions> options, TimeProvider time) : IHousekeepingSweep
{
    private const string Feature = "AutoSetup";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Counts this request and returns null, or returns when the client may ask again.</summary>
    public async Task<DateTimeOffset?> TryTakeAsync(string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Window.Ticks, TimeSpan.Zero);
        await using var connection = await database.OpenAsync(cancellationToken);
        var requests = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            database.Query(Feature, "CountRequest"), new { ClientIpHash = OneWayKey.Of(clientIp), WindowStart = windowStart }, cancellationToken: cancellationToken));
        return requests > options.Value.RequestsPerClientIpPerMinute ? windowStart + Window : null;
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            database.Query(Feature, "DeleteOldWindows"), new { Before = time.GetUtcNow() - Window }, cancellationToken: cancellationToken));
    }
}
