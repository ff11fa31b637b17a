using System.Data;
using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.DataProtection;

namespace Portal.Core.CheckMail;

/// <summary>A one-time code and, once the member's message has come in, what its trace said.</summary>
public sealed record CheckCodeState(
    string Token, string Code, string? Program, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ReceivedAt, TraceAnalysis? Result)
{
    public bool IsWaiting(DateTimeOffset now) => Result is null && now < ExpiresAt;
}

public abstract record CodeIssue
{
    public sealed record Issued(CheckCodeState Code) : CodeIssue;

    public sealed record Throttled(DateTimeOffset RetryAt) : CodeIssue;
}

/// <summary>Issues one-time codes and records the first result for each, in the database every node shares.</summary>
public sealed class CheckCodeStore(PortalDatabase database, OneWayKeys keys, IOptions<CheckMailOptions> options, CheckMailSetup setup, TimeProvider time) : IHousekeepingSweep
{
    private const string Feature = "CheckMail";
    private static readonly TimeSpan IpWindow = TimeSpan.FromHours(1);

    /// <summary>A result stays readable for a day after its code expired, then goes.</summary>
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    public async Task<CodeIssue> IssueAsync(string clientIp, string? program, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ipHash = await keys.OfAsync(clientIp, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // SQLite: BEGIN IMMEDIATE; SQL Server: serializable with UPDLOCK in the count. Two nodes cannot both take the last code.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var recent = await connection.QuerySingleAsync<RecentCodes>(new CommandDefinition(
            database.Query(Feature, "CountRecentCodes"), new { ClientIpHash = ipHash, Since = now - IpWindow }, transaction, cancellationToken: cancellationToken));
        if (recent.Count >= options.Value.CodesPerClientIpPerHour && recent.Oldest is { } oldest)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new CodeIssue.Throttled(oldest + IpWindow);
        }

        for (var attempt = 1; ; attempt++)
        {
            var state = new CheckCodeState(NewToken(), CheckCode.New(), program, now, now + setup.CodeLifetime, null, null);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertCode"), new
                {
                    state.Token, state.Code, ClientIpHash = ipHash, state.Program, state.CreatedAt, state.ExpiresAt,
                }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                return new CodeIssue.Issued(state);
            }
            catch (DbException) when (attempt < 3)
            {
                // The code is taken by a live or recently expired one (unique index): draw another.
            }
        }
    }

    public async Task<CheckCodeState?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 32) return null;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            database.Query(Feature, "FindCode"), new { Token = token }, cancellationToken: cancellationToken));
        return row?.ToState();
    }

    /// <summary>
    /// Records the result for a live, unused code, in the caller's transaction; false when the code is unknown, expired
    /// or already used.
    /// </summary>
    public async Task<bool> RecordAsync(DbTransaction within, string code, TraceAnalysis analysis, CancellationToken cancellationToken)
    {
        var changed = await within.Connection!.ExecuteAsync(new CommandDefinition(database.Query(Feature, "RecordResult"), new
        {
            Code = code,
            ReceivedAt = time.GetUtcNow(),
            Verdict = analysis.Verdict.ToString(),
            analysis.Authenticated,
            analysis.Tls,
            analysis.Port,
            PortSource = Fit(analysis.PortSource, 16),
            SenderProgram = Fit(analysis.Program, 64),
            // An address with a zone (fe80::1%eth0) can be longer than any address: it is not one a member sent from.
            SenderIp = analysis.ClientIp?.ToString() is { Length: <= 45 } ip ? ip : null,
            analysis.DynamicIp,
            Protocol = Fit(analysis.Protocol, ReceivedHop.MaxProtocolLength),
            Reason = Fit(analysis.Reason, 400),
        }, within, cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>Every value that came from a message fits its column (0003_check_mail_codes.sql), whatever the message said.</summary>
    private static string? Fit(string? value, int length) => value is { } text && text.Length > length ? text[..length] : value;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            database.Query(Feature, "DeleteOldCodes"), new { Before = time.GetUtcNow() - KeptAfterExpiry }, cancellationToken: cancellationToken));
    }

    // 128 random bits: the page's address is the only key to the result (which names the sender's IP).
    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed class RecentCodes
    {
        public int Count { get; init; }
        public DateTimeOffset? Oldest { get; init; }
    }

    private sealed class Row
    {
        public string Token { get; init; } = "";
        public string Code { get; init; } = "";
        public string? Program { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? ReceivedAt { get; init; }
        public string? Verdict { get; init; }
        public bool? Authenticated { get; init; }
        public bool? Tls { get; init; }
        public int? Port { get; init; }
        public string? PortSource { get; init; }
        public string? SenderProgram { get; init; }
        public string? SenderIp { get; init; }
        public bool? DynamicIp { get; init; }
        public string? Protocol { get; init; }
        public string? Reason { get; init; }

        public CheckCodeState ToState()
        {
            var result = Verdict is null ? null : new TraceAnalysis(
                Enum.Parse<TraceVerdict>(Verdict), Authenticated, Tls, Port, PortSource ?? "unknown", SenderProgram,
                SenderIp is null ? null : IPAddress.Parse(SenderIp), DynamicIp, Protocol, Reason ?? "");
            return new CheckCodeState(Token, Code, Program, CreatedAt, ExpiresAt, ReceivedAt, result);
        }
    }
}
