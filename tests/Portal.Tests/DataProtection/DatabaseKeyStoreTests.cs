using System.Xml.Linq;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.DataProtection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.DataProtection;

public sealed class DatabaseKeyStoreTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Stored_keys_come_back_with_their_id_time_and_xml(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2006, 6, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        var store = new DatabaseKeyStore(test.Database, clock);

        store.StoreElement(new XElement("key", new XAttribute("id", "one"), "first"), "key-one");
        clock.Advance(TimeSpan.FromMinutes(1));
        store.StoreElement(new XElement("key", new XAttribute("id", "two"), "second"), "key-two");

        var elements = store.GetAllElements();
        Assert.Equal(["one", "two"], elements.Select(e => (string?)e.Attribute("id")));
        var rows = await store.ListAsync(CancellationToken.None);
        Assert.Equal(["key-one", "key-two"], rows.Select(r => r.FriendlyName));
        Assert.Equal(new DateTimeOffset(2006, 6, 1, 0, 0, 0, TimeSpan.Zero), rows[0].CreatedAt);
        Assert.Equal(new DateTimeOffset(2006, 6, 1, 0, 1, 0, TimeSpan.Zero), rows[1].CreatedAt);
        Assert.NotEqual(Guid.Empty, rows[0].Id);
        Assert.NotEqual(rows[0].Id, rows[1].Id);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Guid_and_DateTimeOffset_round_trip_exactly(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var id = Guid.NewGuid();
        var when = new DateTimeOffset(2006, 2, 1, 23, 59, 59, TimeSpan.FromHours(9)).AddTicks(1234567);
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);

        await connection.ExecuteAsync(new CommandDefinition(test.Database.Query("DataProtection", "InsertKey"),
            new StoredKey { Id = id, FriendlyName = "round-trip", Xml = "<key/>", CreatedAt = when }));
        var row = Assert.Single(await connection.QueryAsync<StoredKey>(new CommandDefinition(test.Database.Query("DataProtection", "SelectKeys"))));

        Assert.Equal(id, row.Id);
        Assert.Equal(when, row.CreatedAt); // the same instant
        Assert.Equal(when.UtcTicks, row.CreatedAt.UtcTicks);
    }
}
