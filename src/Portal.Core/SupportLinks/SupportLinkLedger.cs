using System.Data.Common;
using Dapper;
using Portal.Core.Data;
using Portal.Core.Members;

namespace Portal.Core.SupportLinks;

public sealed record SentLink(Guid Id, string Address, string Program, string Language, string SentBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? OpenedAt, int Opens);

/// <summary>Which support links were sent, by whom, and whether they were opened: the links themselves are signed, this is the record.</summary>
public sealed class SupportLinkLedger(PortalDatabase database, MemberStore members, TimeProvider time)
{
    private const string Feature = "SupportLinks";

    private static readonly BatchRows<SupportLinkTicket> Rows = new("dbo.SupportLinkRows",
        new("Id", typeof(Guid), t => t.Id), new("MemberId", typeof(long?), t => t.MemberId), new("Address", typeof(string), t => t.Address),
        new("Program", typeof(string), t => t.Program), new("Language", typeof(string), t => t.Language), new("ExpiresAt", typeof(DateTimeOffset), t => t.ExpiresAt));

    public async Task RecordSentAsync(SupportLinkTicket ticket, string sentBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RecordSentWithinAsync(transaction, [ticket], sentBy, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records a batch of links sent, in the caller's transaction (a campaign's page), in one statement.</summary>
    public async Task RecordSentWithinAsync(DbTransaction within, IReadOnlyList<SupportLinkTicket> tickets, string sentBy, CancellationToken cancellationToken)
    {
        if (tickets.Count == 0) return;
        await within.Connection!.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertLinks"),
            new { Rows = Rows.Parameter(database.Provider, tickets), SentBy = sentBy, Now = time.GetUtcNow() }, within, cancellationToken: cancellationToken));
    }

    /// <summary>The link sent with this guide to this address since <paramref name="since"/>, if any (the newest).</summary>
    public async Task<SupportLinkTicket?> RecentAsync(string address, string program, string language, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TicketRow>(new CommandDefinition(database.Query(Feature, "RecentLinks"),
            new { Address = address, Program = program, Language = language, Since = since }, cancellationToken: cancellationToken));
        return rows.Select(r => r.Ticket).FirstOrDefault();
    }

    /// <summary>A sent link's ticket, to show it again (the link itself is not stored: it is signed afresh from this).</summary>
    public async Task<SupportLinkTicket?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(database.Query(Feature, "FindLink"), new { Id = id }, cancellationToken: cancellationToken));
        return row?.Ticket;
    }

    /// <summary>Counts an open; the first one goes on the member's timeline and marks them as having opened a link.</summary>
    public async Task OpenedAsync(SupportLinkTicket ticket, CancellationToken cancellationToken)
    {
        int? opens;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            opens = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
                database.Query(Feature, "RecordOpen"), new { ticket.Id, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        }

        if (opens == 1 && ticket.MemberId is { } memberId)
            await members.RecordAsync(memberId, MemberEventKinds.LinkOpened, Localization.SaidDetail.Say("link-opened", ticket.Program, ticket.Language), MemberStatus.LinkOpened, cancellationToken);
    }

    public async Task<IReadOnlyList<SentLink>> ForMemberAsync(long memberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(database.Query(Feature, "LinksForMember"), new { MemberId = memberId }, cancellationToken: cancellationToken));
        return rows.Select(r => new SentLink(r.Id, r.Address, r.Program, r.Language, r.SentBy, r.CreatedAt, r.ExpiresAt, r.OpenedAt, r.Opens)).ToList();
    }

    private sealed class TicketRow
    {
        public Guid Id { get; init; }
        public long? MemberId { get; init; }
        public string Address { get; init; } = "";
        public string Program { get; init; } = "";
        public string Language { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }

        public SupportLinkTicket Ticket => new(Id, MemberId, Address, Program, Language, ExpiresAt);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Address { get; init; } = "";
        public string Program { get; init; } = "";
        public string Language { get; init; } = "";
        public string SentBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? OpenedAt { get; init; }
        public int Opens { get; init; }
    }
}
