using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Staff;

/// <summary>
/// Staff sessions kept on the server. The sign-in cookie carries only the session's id: every request looks the session
/// up, so signing out, the absolute lifetime (Staff:SessionMaxHours) or a disabled account ends it for every copy of the
/// cookie at once. The idle limit (Staff:SessionHours) is the cookie's own sliding expiry.
/// </summary>
public sealed class StaffSessions(PortalDatabase database, IOptions<StaffOptions> options, TimeProvider time) : IHousekeepingSweep
{
    private const string Feature = "Staff";

    /// <summary>Starts a session for the account; returns its id, for the cookie.</summary>
    public async Task<string> StartAsync(StaffAccount account, CancellationToken cancellationToken)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertSession"), new
        {
            Id = id, AccountId = account.Id, CreatedAt = now, ExpiresAt = now.AddHours(options.Value.SessionMaxHours),
        }, cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>The account of a live session: null when the session ended, outlived its absolute lifetime, or its account is disabled.</summary>
    public async Task<StaffAccount?> FindActiveAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            database.Query(Feature, "FindSession"), new { Id = id }, cancellationToken: cancellationToken));
        if (row is null || row.Disabled || row.EndedAt is not null || row.ExpiresAt <= time.GetUtcNow()) return null;
        return new StaffAccount(row.Id, row.Email, row.Role, row.Disabled);
    }

    /// <summary>Ends the session on the server: the cookie, wherever a copy of it is, no longer signs anyone in.</summary>
    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "EndSession"), new { Id = id, At = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "DeleteOldSessions"), new { Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public int Id { get; init; }
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public bool Disabled { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? EndedAt { get; init; }
    }
}
