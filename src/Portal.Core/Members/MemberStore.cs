using System.Data.Common;
using System.Data;
using Dapper;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Core.Members;

public sealed record UpsertCounts(int Added, int Updated);

/// <summary>Members and their timeline in the database.</summary>
public sealed class MemberStore(PortalDatabase database, TimeProvider time)
{
    private const string Feature = "Members";

    /// <summary>Rows per transaction of an import: large enough that a million members take a few hundred round trips.</summary>
    public const int ImportBatch = 5000;

    private static readonly BatchRows<MemberRow> ImportRows = new("dbo.MemberImportRows",
        new("Account", typeof(string), r => r.Account), new("Email", typeof(string), r => r.Email), new("Name", typeof(string), r => r.Name),
        new("Program", typeof(string), r => r.Program), new("Language", typeof(string), r => r.Language));

    private static readonly BatchRows<long> MemberIds = new("dbo.MemberIds", new BatchColumn<long>("Id", typeof(long), id => id));

    /// <summary>Adds or updates (by account) the rows, with an "imported" event each.</summary>
    public Task<UpsertCounts> UpsertAsync(IReadOnlyList<MemberRow> rows, string source, CancellationToken cancellationToken) =>
        ImportAsync(rows.ToAsyncEnumerable(), source, cancellationToken);

    /// <summary>
    /// Adds or updates (by account) rows as they are read, <see cref="ImportBatch"/> at a time: each batch is one
    /// transaction of a few set-based statements (rows as JSON on SQLite, a table-valued parameter on SQL Server), so a
    /// file is never held and no row costs a round trip. A file stopped half-way keeps the batches committed; importing
    /// it again completes it, as a row already there is only updated.
    /// </summary>
    public async Task<UpsertCounts> ImportAsync(IAsyncEnumerable<MemberRow> rows, string source, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        var batch = new List<MemberRow>(ImportBatch);
        async Task WriteAsync()
        {
            var now = time.GetUtcNow();
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var parameters = new { Rows = ImportRows.Parameter(database.Provider, batch), Kind = MemberEventKinds.Imported, Detail = Shorten(source), Now = now };
            var existing = await connection.QuerySingleAsync<int>(new CommandDefinition(database.Query(Feature, "CountExisting"), parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "ImportBatch"), parameters, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            (added, updated) = (added + batch.Count - existing, updated + existing);
            batch.Clear();
        }

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == ImportBatch) await WriteAsync();
        }

        if (batch.Count > 0) await WriteAsync();
        return new UpsertCounts(added, updated);
    }

    private static string Shorten(string detail) => detail.Length > 1000 ? detail[..1000] : detail;

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
    public Task RecordWithinAsync(DbTransaction within, long memberId, string kind, string detail, MemberStatus? reached, CancellationToken cancellationToken) =>
        RecordAllWithinAsync(within, [memberId], kind, detail, reached, cancellationToken);

    /// <summary>The same event for a batch of members (a campaign's page), in the caller's transaction, in two statements.</summary>
    public async Task RecordAllWithinAsync(DbTransaction within, IReadOnlyList<long> memberIds, string kind, string detail, MemberStatus? reached, CancellationToken cancellationToken)
    {
        if (memberIds.Count == 0) return;
        var now = time.GetUtcNow();
        var connection = within.Connection!;
        var rows = MemberIds.Parameter(database.Provider, memberIds);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertEvents"), new
        {
            Rows = rows, Kind = kind, Detail = Shorten(detail), Now = now,
        }, within, cancellationToken: cancellationToken));
        if (reached is { } status)
            await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "RaiseStatus"), new { Rows = rows, Status = (int)status, Moved = (int)MemberStatus.ProbePassed, Now = now }, within, cancellationToken: cancellationToken));
    }

    private sealed class EventRow
    {
        public string Kind { get; init; } = "";
        public string Detail { get; init; } = "";
        public DateTimeOffset At { get; init; }
    }
}
