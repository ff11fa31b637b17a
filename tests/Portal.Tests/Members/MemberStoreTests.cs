using System.Text;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>Members in each available database: upserted by account, found, and their status only rising.</summary>
public sealed class MemberStoreTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Rows_are_added_then_updated_by_account_keeping_a_known_program(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = new MemberStore(test.Database, clock);

        var first = await store.UpsertAsync([new("taro", "taro@example.jp", "Taro", "becky-2", "ja"), new("hanako", "hanako@example.jp", "Hanako", null, "en")], "first file", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await store.UpsertAsync([new("taro", "taro@example.net", "Taro Y", null, "en")], "second file", CancellationToken.None);

        Assert.Equal((new UpsertCounts(2, 0), new UpsertCounts(0, 1)), (first, second));
        var taro = Assert.Single(await store.SearchAsync("taro", 10, CancellationToken.None));
        Assert.Equal(("taro@example.net", "Taro Y", "becky-2", "en", MemberStatus.NotContacted), (taro.Email, taro.Name, taro.Program, taro.Language, taro.Status));
        Assert.Equal(["first file", "second file"], (await store.EventsAsync(taro.Id, CancellationToken.None)).Select(e => e.Detail));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Search_matches_account_address_and_name_and_takes_wildcards_literally(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new MemberStore(test.Database, TimeProvider.System);
        await store.UpsertAsync([new("taro", "t@example.jp", "山田 太郎", null, "ja"), new("hana_ko", "hanako@example.jp", "Suzuki", null, "ja"), new("jiro", "j@example.jp", "100% Jiro", null, "ja")], "file", CancellationToken.None);

        Assert.Equal(["taro"], (await store.SearchAsync("山田", 10, CancellationToken.None)).Select(m => m.Account));
        Assert.Equal(["hana_ko"], (await store.SearchAsync("hanako@", 10, CancellationToken.None)).Select(m => m.Account));
        Assert.Equal(["hana_ko"], (await store.SearchAsync("_", 10, CancellationToken.None)).Select(m => m.Account));
        Assert.Equal(["jiro"], (await store.SearchAsync("%", 10, CancellationToken.None)).Select(m => m.Account));
        Assert.Equal("jiro", (await store.FindByAddressAsync("j@example.jp", CancellationToken.None))?.Account);
        Assert.Equal("jiro", (await store.FindByAddressAsync("jiro", CancellationToken.None))?.Account);
        Assert.Null(await store.FindByAddressAsync("nobody@example.jp", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_status_only_rises_and_every_event_is_on_the_timeline(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new MemberStore(test.Database, TimeProvider.System);
        await store.UpsertAsync([new("taro", "taro@example.jp", "Taro", null, "ja")], "file", CancellationToken.None);
        var id = (await store.FindByAddressAsync("taro", CancellationToken.None))!.Id;

        await store.RecordAsync(id, MemberEventKinds.Probe, "pass", MemberStatus.ProbePassed, CancellationToken.None);
        await store.RecordAsync(id, MemberEventKinds.Emailed, "support link", MemberStatus.Emailed, CancellationToken.None);

        Assert.Equal(MemberStatus.ProbePassed, (await store.FindAsync(id, CancellationToken.None))!.Status);
        Assert.Equal([MemberEventKinds.Imported, MemberEventKinds.Probe, MemberEventKinds.Emailed], (await store.EventsAsync(id, CancellationToken.None)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Ten_thousand_rows_are_checked_and_imported_in_one_go()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var csv = new StringBuilder("account,email,name,program,language\n");
        for (var i = 0; i < 10_000; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"member{i:D5},member{i:D5}@example.jp,会員 {i},thunderbird,ja\n");

        var (report, valid) = await MemberCsvTests.ReadAsync(Encoding.UTF8.GetBytes(csv.ToString()), new HashSet<string> { "thunderbird" });
        var counts = await new MemberStore(test.Database, TimeProvider.System).UpsertAsync(valid.Select(v => v.Row).ToList(), "big file", CancellationToken.None);

        Assert.True(report.IsValid);
        Assert.Equal(new UpsertCounts(10_000, 0), counts);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task An_import_larger_than_a_batch_adds_new_accounts_updates_known_ones_and_notes_each_once(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new MemberStore(test.Database, TimeProvider.System);
        MemberRow Row(int i, string program) => new($"member{i:D6}", $"member{i:D6}@example.jp", $"会員 {i}", program, "ja");
        await store.UpsertAsync(Enumerable.Range(0, 6_000).Select(i => Row(i, "becky-2")).ToList(), "first file", CancellationToken.None);

        var second = await store.ImportAsync(Enumerable.Range(3_000, MemberStore.ImportBatch * 2).Select(i => Row(i, "thunderbird")).ToAsyncEnumerable(), "second file", CancellationToken.None);

        Assert.Equal(new UpsertCounts(MemberStore.ImportBatch * 2 - 3_000, 3_000), second);
        var updated = (await store.FindByAddressAsync("member003000", CancellationToken.None))!;
        var untouched = (await store.FindByAddressAsync("member002999", CancellationToken.None))!;
        Assert.Equal(("thunderbird", "becky-2"), (updated.Program, untouched.Program));
        Assert.Equal(["first file", "second file"], (await store.EventsAsync(updated.Id, CancellationToken.None)).Select(e => e.Detail));
        Assert.Equal(["first file"], (await store.EventsAsync(untouched.Id, CancellationToken.None)).Select(e => e.Detail));
    }
}
