using System.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.DataProtection;

namespace Portal.Core.Staff;

/// <summary>
/// Failed staff sign-ins per client address across all accounts (Staff:SignInFailuresPerClientIp): one address trying
/// a list of staff addresses is stopped though no single account reaches its lockout. Each attempt takes a place before
/// its password is checked, in one transaction with the count, so parallel attempts cannot all slip in; a success gives
/// its place back.
/// </summary>
public sealed class StaffSignInLimit(PortalDatabase database, OneWayKeys keys, IOptions<StaffOptions> options, TimeProvider time) : IHousekeepingSweep
{
    private const string Feature = "Staff";

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.SignInFailureWindowMinutes);

    /// <summary>The place this attempt took, or when this address may try again.</summary>
    public async Task<(long? Place, DateTimeOffset? RetryAt)> TryTakeAsync(string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = await keys.OfAsync(clientIp, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // SQLite: BEGIN IMMEDIATE (one writer at a time); SQL Server: serializable with UPDLOCK in the count query.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var seen = await connection.QuerySingleAsync<Failures>(new CommandDefinition(
            database.Query(Feature, "CountSignInFailures"), new { ClientIpHash = key, Since = now - Window }, transaction, cancellationToken: cancellationToken));
        if (seen.Count >= options.Value.SignInFailuresPerClientIp && seen.Oldest is { } oldest)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (null, oldest + Window);
        }

        var place = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            database.Query(Feature, "InsertSignInAttempt"), new { ClientIpHash = key, At = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (place, null);
    }

    /// <summary>A sign-in that succeeded does not count against its address.</summary>
    public async Task GiveBackAsync(long place, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "ForgetSignInAttempt"), new { Id = place }, cancellationToken: cancellationToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            database.Query(Feature, "DeleteOldSignInAttempts"), new { Before = time.GetUtcNow() - Window }, cancellationToken: cancellationToken));
    }

    private sealed class Failures
    {
        public int Count { get; init; }
        public DateTimeOffset? Oldest { get; init; }
    }
}
