using System.Data.Common;
using System.Data;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Members;

public sealed record UpsertCounts(int Added, int Updated);

/// <summary>Members and their timeline in the database.</summary>
public sealed class MemberStore(PortalDatabase database, TimeProvider time)
{
    private const string Feature = "Members";

    /// <summary>Adds or updates (by account) every row in one transaction: all of them or none.</summary>
    public async Task<UpsertCounts> UpsertAsync(IReadOnlyList<MemberRow> rows, string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int added = 0, updated = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        foreach (var row in rows)
        {
            var parameters = new { row.Account, row.Email, row.Name, row.Program, row.Language, Now = now };
            var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                database.Query(Feature, "UpdateMember"), parameters, transaction, cancellationToken: cancellationToken));
            if (id is null)
            {
                id = await connection.QuerySingleAsync<long>(new CommandDefinition(database.Query(Feature, "InsertMember"), parameters, transaction, cancellationToken: cancellationToken));
                added++;
            }
            else
            {
                updated++;
            }

            await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertEvent"), new
            {
                MemberId = id, Kind = MemberEventKinds.Imported, Detail = source, At = now,
            }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new UpsertCounts(added, updated);
    }

    /// <summary>Members whose account, address or name contains the text (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<Member>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var pattern = "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MemberRecord>(new CommandDefinition(database.Query(Feature, "SearchMembers"), new { Pattern = pattern, Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMember()).ToList();
    }

    public async Task<Member?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MemberRecord>(new CommandDefinition(database.Query(Feature, "FindMember"), new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToMember();
    }

    /// <summary>The member whose account or mail address this is, if exactly one.</summary>
    public async Task<Member?> FindByAddressAsync(string accountOrEmail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<MemberRecord>(new CommandDefinition(
            database.Query(Feature, "FindMemberByAddress"), new { Address = accountOrEmail.Trim() }, cancellationToken: cancellationToken))).ToList();
        return rows.Count == 1 ? rows[0].ToMember() : null;
    }

    public async Task<IReadOnlyList<MemberEvent>> EventsAsync(long memberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(database.Query(Feature, "MemberEvents"), new { MemberId = memberId }, cancellationToken: cancellationToken));
        return rows.Select(r => new MemberEvent(r.Kind, r.Detail, r.At)).ToList();
    }

    /// <summary>Adds an event to the member's timeline and raises their status to <paramref name="reached"/> if it is higher.</summary>
    public async Task RecordAsync(long memberId, string kind, string detail, MemberStatus? reached, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RecordWithinAsync(transaction, memberId, kind, detail, reached, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The same, as part of a caller's transaction: it commits, or nothing of it stays.</summary>
    public async Task RecordWithinAsync(DbTransaction within, long memberId, string kind, string detail, MemberStatus? reached, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connection = within.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertEvent"), new
        {
            MemberId = memberId, Kind = kind, Detail = detail.Length > 1000 ? detail[..1000] : detail, At = now,
        }, within, cancellationToken: cancellationToken));
        if (reached is { } status)
            await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "RaiseStatus"), new { Id = memberId, Status = (int)status, Moved = (int)MemberStatus.ProbePassed, Now = now }, within, cancellationToken: cancellationToken));
    }

    private sealed class EventRow
    {
        public string Kind { get; init; } = "";
        public string Detail { get; init; } = "";
        public DateTimeOffset At { get; init; }
    }
}
