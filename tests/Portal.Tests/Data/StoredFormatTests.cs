using Dapper;
using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>SQLite has no date or Guid type: the portal writes both as text in one fixed form, so text order is time order.</summary>
public sealed class StoredFormatTests
{
    [Fact]
    public async Task Times_are_written_as_fixed_width_UTC_text_and_guids_as_text()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var tokyo = new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.FromHours(9));
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var stored = await connection.QuerySingleAsync<(string At, string Id)>("SELECT @At || '', CAST(@Id AS TEXT)", new { At = tokyo, Id = id });
        var roundTrip = await connection.QuerySingleAsync<DateTimeOffset>("SELECT @At", new { At = tokyo });

        Assert.Equal("2026-11-28T09:00:00.0000000+00:00", stored.At);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", stored.Id);
        Assert.Equal(tokyo, roundTrip);
    }
}
