using Dapper;
using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Outbox;

/// <summary>The outbox rows as they stand in the table: what the sender recorded, read straight from the database.</summary>
public static class OutboxRows
{
    public sealed class Row
    {
        public long Id { get; init; }
        public string DedupKey { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public string MessageId { get; init; } = "";
        public string? LastError { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public string? LeaseOwner { get; init; }
    }

    public static async Task<List<Row>> AllAsync(TestDatabase database)
    {
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        var table = database.Database.Provider == DatabaseProvider.SqlServer ? "dbo.OutboxMessages" : "OutboxMessages";
        return (await connection.QueryAsync<Row>(
            $"SELECT Id, DedupKey, Status, Attempts, MessageId, LastError, NextAttemptAt, SentAt, CAST(LeaseOwner AS varchar(36)) AS LeaseOwner FROM {table} ORDER BY Id")).ToList();
    }

    public static async Task<Row> SingleAsync(TestDatabase database) => Assert.Single(await AllAsync(database));
}
