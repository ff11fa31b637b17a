using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Staff;

public sealed record StaffAction(string Staff, string Action, string Detail, DateTimeOffset At);

/// <summary>Who did what, when: every staff action (sign-ins, imports, links sent, campaigns) is recorded here.</summary>
public sealed class StaffAudit(PortalDatabase database, TimeProvider time)
{
    public async Task RecordAsync(string staff, string action, string detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query("Staff", "InsertAction"), new
        {
            Staff = staff, Action = action, Detail = detail.Length > 1000 ? detail[..1000] : detail, At = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StaffAction>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(database.Query("Staff", "RecentActions"), new { Count = count }, cancellationToken: cancellationToken));
        return rows.Select(r => new StaffAction(r.Staff, r.Action, r.Detail, r.At)).ToList();
    }

    private sealed class Row
    {
        public string Staff { get; init; } = "";
        public string Action { get; init; } = "";
        public string Detail { get; init; } = "";
        public DateTimeOffset At { get; init; }
    }
}
