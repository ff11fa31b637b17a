using Dapper;
using Portal.Core.Data;
using Portal.Core.MemberMail;
using Portal.Core.Members;

namespace Portal.Core.Campaigns;

/// <summary>Campaigns, and the members each one goes to, in the database.</summary>
public sealed class CampaignStore(PortalDatabase database, TimeProvider time)
{
    private const string Feature = "Campaigns";

    public async Task<long> CreateAsync(string name, CampaignFilter filter, MailTemplate japanese, MailTemplate english, string createdBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<long>(new CommandDefinition(database.Query(Feature, "InsertCampaign"), new
        {
            Name = name, filter.NotMovedOnly, filter.Program, filter.Language,
            SubjectJa = japanese.Subject, BodyJa = japanese.Body, SubjectEn = english.Subject, BodyEn = english.Body,
            CreatedBy = createdBy, CreatedAt = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<Campaign?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(database.Query(Feature, "FindCampaign"), new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToCampaign();
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(database.Query(Feature, "ListCampaigns"), cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCampaign()).ToList();
    }

    public async Task<int> CountMembersAsync(CampaignFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<int>(new CommandDefinition(database.Query(Feature, "CountMembers"), Parameters(filter), cancellationToken: cancellationToken));
    }

    /// <summary>The matching members in Id order, a page at a time (after <paramref name="afterId"/>), so a large campaign never sits in memory.</summary>
    public async Task<IReadOnlyList<Member>> MembersAsync(CampaignFilter filter, long afterId, int page, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var p = new DynamicParameters(Parameters(filter));
        p.Add("AfterId", afterId);
        p.Add("Page", page);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(database.Query(Feature, "MembersPage"), p, cancellationToken: cancellationToken));
        return rows.Select(r => new Member(r.Id, r.Account, r.Email, r.Name, r.Client, r.Language, (MemberStatus)r.Status, r.CreatedAt, r.UpdatedAt)).ToList();
    }

    public async Task RecordSentAsync(long id, int queued, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "RecordSent"), new { Id = id, Queued = queued, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    private static object Parameters(CampaignFilter filter) => new
    {
        NotMovedOnly = filter.NotMovedOnly ? 1 : 0, Moved = (int)MemberStatus.ProbePassed, filter.Program, filter.Language,
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public bool NotMovedOnly { get; init; }
        public string? Program { get; init; }
        public string? Language { get; init; }
        public string SubjectJa { get; init; } = "";
        public string BodyJa { get; init; } = "";
        public string SubjectEn { get; init; } = "";
        public string BodyEn { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastSentAt { get; init; }
        public int Queued { get; init; }

        public Campaign ToCampaign() => new(Id, Name, new CampaignFilter(NotMovedOnly, Program, Language),
            new MailTemplate(SubjectJa, BodyJa), new MailTemplate(SubjectEn, BodyEn), CreatedBy, CreatedAt, LastSentAt, Queued);
    }

    private sealed class MemberRow
    {
        public long Id { get; init; }
        public string Account { get; init; } = "";
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Client { get; init; }
        public string Language { get; init; } = "";
        public int Status { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
