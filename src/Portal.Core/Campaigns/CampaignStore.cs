using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.MemberMail;
using Portal.Core.Members;

namespace Portal.Core.Campaigns;

/// <summary>Campaigns, and the members each one goes to, in the database.</summary>
public sealed class CampaignStore(PortalDatabase database, TimeProvider time, IOptions<ScheduleOptions> schedule)
{
    private const string Feature = "Campaigns";

    public async Task<long> CreateAsync(string name, CampaignFilter filter, MailTemplate japanese, MailTemplate english, string createdBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<long>(new CommandDefinition(database.Query(Feature, "InsertCampaign"), new
        {
            Name = name, filter.NotMovedOnly, filter.Program, filter.Language, filter.Port25WithinDays,
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
        var rows = await connection.QueryAsync<MemberRecord>(new CommandDefinition(database.Query(Feature, "MembersPage"), p, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMember()).ToList();
    }

    /// <summary>Asks for a send (any node's <c>CampaignSender</c> takes it); false when one is under way already.</summary>
    public async Task<bool> RequestSendAsync(long id, string by, Uri baseUrl, CancellationToken cancellationToken) =>
        await ExecuteAsync("RequestSend", new { Id = id, By = by, BaseUrl = baseUrl.AbsoluteUri }, cancellationToken) == 1;

    /// <summary>Takes one wanted send whose lease is free, until <paramref name="until"/>; null when there is none.</summary>
    public async Task<long?> ClaimSendAsync(string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(database.Query(Feature, "ClaimSend"),
            new { Owner = owner, Until = until, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a page queued and extends the lease; false when the lease is no longer ours (stop then).</summary>
    public async Task<bool> AdvanceSendAsync(long id, string owner, long upTo, int queued, DateTimeOffset until, CancellationToken cancellationToken) =>
        await ExecuteAsync("AdvanceSend", new { Id = id, Owner = owner, UpTo = upTo, Queued = queued, Until = until }, cancellationToken) == 1;

    public async Task<bool> FinishSendAsync(long id, string owner, CancellationToken cancellationToken) =>
        await ExecuteAsync("FinishSend", new { Id = id, Owner = owner, Now = time.GetUtcNow() }, cancellationToken) == 1;

    /// <summary>Gives a send back (this node is stopping): another node resumes it at once.</summary>
    public async Task ReleaseSendAsync(long id, string owner, CancellationToken cancellationToken) =>
        await ExecuteAsync("ReleaseSend", new { Id = id, Owner = owner }, cancellationToken);

    private async Task<int> ExecuteAsync(string query, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, query), parameters, cancellationToken: cancellationToken));
    }

    private object Parameters(CampaignFilter filter) => new
    {
        NotMovedOnly = filter.NotMovedOnly ? 1 : 0, Moved = (int)MemberStatus.ProbePassed, filter.Program, filter.Language,
        // Days as the evidence counts them: in the ISP's zone, today included.
        Port25Since = filter.Port25WithinDays is { } days ? schedule.Value.Today(time).AddDays(1 - days) : (DateOnly?)null,
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public bool NotMovedOnly { get; init; }
        public string? Program { get; init; }
        public string? Language { get; init; }
        public int? Port25WithinDays { get; init; }
        public string SubjectJa { get; init; } = "";
        public string BodyJa { get; init; } = "";
        public string SubjectEn { get; init; } = "";
        public string BodyEn { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastSentAt { get; init; }
        public int Queued { get; init; }
        public string? SendBy { get; init; }
        public string? SendBaseUrl { get; init; }
        public long QueuedUpTo { get; init; }

        public Campaign ToCampaign() => new(Id, Name, new CampaignFilter(NotMovedOnly, Program, Language, Port25WithinDays),
            new MailTemplate(SubjectJa, BodyJa), new MailTemplate(SubjectEn, BodyEn), CreatedBy, CreatedAt, LastSentAt, Queued, SendBy, SendBaseUrl, QueuedUpTo);
    }
}
