using System.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.DataProtection;

namespace Portal.Core.Probe;

/// <summary>
/// Limits probes per account and per client IP, counted in the database so the limits hold across web nodes and
/// restarts. Both limits are checked and recorded in one transaction: two nodes cannot both take the last probe.
/// </summary>
public sealed class ProbeThrottle(PortalDatabase database, OneWayKeys keys, IOptions<ProbeOptions> options, TimeProvider time)
{
    private const string Feature = "Probe";

    /// <summary>Records a probe for the account and the IP and returns null, or returns when the member may try again.</summary>
    public async Task<DateTimeOffset?> TryTakeAsync(string account, string clientIp, CancellationToken cancellationToken)
    {
        var limits = options.Value.Limits;
        var now = time.GetUtcNow();
        var scopes = new[]
        {
            (Scope: "account", Key: await keys.OfAsync(account.Trim().ToLowerInvariant(), cancellationToken), Limit: limits.PerAccount, Window: TimeSpan.FromMinutes(limits.PerAccountWindowMinutes)),
            (Scope: "ip", Key: await keys.OfAsync(clientIp, cancellationToken), Limit: limits.PerClientIp, Window: TimeSpan.FromMinutes(limits.PerClientIpWindowMinutes)),
        };

        await using var connection = await database.OpenAsync(cancellationToken);
        // SQLite: BEGIN IMMEDIATE (one writer at a time); SQL Server: serializable with UPDLOCK in the count query.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        DateTimeOffset? retryAt = null;
        foreach (var (scope, key, limit, window) in scopes)
        {
            var seen = await connection.QuerySingleAsync<AttemptCount>(new CommandDefinition(
                database.Query(Feature, "CountAttempts"), new { Scope = scope, KeyHash = key, Since = now - window }, transaction, cancellationToken: cancellationToken));
            if (seen.Count >= limit && seen.Oldest is { } oldest)
            {
                var until = oldest + window;
                if (retryAt is null || until > retryAt) retryAt = until;
            }
        }

        if (retryAt is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return retryAt;
        }

        foreach (var (scope, key, _, _) in scopes)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                database.Query(Feature, "InsertAttempt"), new { Scope = scope, KeyHash = key, At = now }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private sealed class AttemptCount
    {
        public int Count { get; init; }
        public DateTimeOffset? Oldest { get; init; }
    }
}
