using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.DataProtection;

namespace Portal.Core.Probe;

/// <summary>
/// Limits probes per account and per client IP, counted in the database so the limits hold across web nodes and
/// restarts. Both limits are checked and the probe recorded in one statement (TakeAttempt.sql), one transaction and one
/// round trip: two nodes cannot both take the last probe. Only a refused probe reads the counts again, to say when.
/// </summary>
public sealed class ProbeThrottle(PortalDatabase database, OneWayKeys keys, IOptions<ProbeOptions> options, TimeProvider time)
{
    private const string Feature = "Probe";

    /// <summary>Records a probe for the account and the IP and returns null, or returns when the member may try again.</summary>
    public async Task<DateTimeOffset?> TryTakeAsync(string account, string clientIp, CancellationToken cancellationToken)
    {
        var limits = options.Value.Limits;
        var now = time.GetUtcNow();
        var accountKey = await keys.OfAsync(account.Trim().ToLowerInvariant(), cancellationToken);
        var ipKey = await keys.OfAsync(clientIp, cancellationToken);
        var (accountWindow, ipWindow) = (TimeSpan.FromMinutes(limits.PerAccountWindowMinutes), TimeSpan.FromMinutes(limits.PerClientIpWindowMinutes));

        await using var connection = await database.OpenAsync(cancellationToken);
        var taken = await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "TakeAttempt"), new
        {
            AccountKey = accountKey, AccountSince = now - accountWindow, AccountLimit = limits.PerAccount,
            IpKey = ipKey, IpSince = now - ipWindow, IpLimit = limits.PerClientIp,
            At = now,
        }, cancellationToken: cancellationToken));
        if (taken > 0) return null;

        // Refused: when the oldest probe counted against each full limit leaves its window.
        DateTimeOffset? retryAt = null;
        foreach (var (scope, key, limit, window) in new[] { ("account", accountKey, limits.PerAccount, accountWindow), ("ip", ipKey, limits.PerClientIp, ipWindow) })
        {
            var seen = await connection.QuerySingleAsync<AttemptCount>(new CommandDefinition(
                database.Query(Feature, "CountAttempts"), new { Scope = scope, KeyHash = key, Since = now - window }, cancellationToken: cancellationToken));
            if (seen.Count >= limit && seen.Oldest is { } oldest && (retryAt is null || oldest + window > retryAt)) retryAt = oldest + window;
        }

        // Full a moment ago, freed since (another node's window moved on): a minute's wait is never wrong for long.
        return retryAt ?? now + TimeSpan.FromMinutes(1);
    }

    private sealed class AttemptCount
    {
        public int Count { get; init; }
        public DateTimeOffset? Oldest { get; init; }
    }
}
