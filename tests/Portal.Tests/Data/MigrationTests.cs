using Dapper;
using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

public sealed class MigrationTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migrations_run_once_and_are_journaled(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);

        var first = await test.Migrator().MigrateAsync(CancellationToken.None);
        var second = await test.Migrator().MigrateAsync(CancellationToken.None);

        Assert.Contains("0001_data_protection_keys.sql", first);
        Assert.Empty(second);
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var journal = await connection.QueryAsync<string>(new CommandDefinition(test.Database.Query("Health", "AppliedMigrations")));
        Assert.Equal(first.Order(), journal.Order());
    }

    [Fact]
    public async Task A_database_migrated_before_the_folders_moved_gets_only_the_new_migrations_and_keeps_its_data()
    {
        // Migrations are journaled by file name, so where their folder is in the tree does not matter.
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "migrated-through-0009.sql")));

        var applied = await test.Migrator().MigrateAsync(CancellationToken.None);

        Assert.Equal(["0010_mail_program_columns.sql", "0011_one_way_key_secrets.sql", "0012_staff_sign_in_attempts.sql", "0013_screen_reports.sql", "0014_bulk_rows.sql", "0015_member_evidence.sql", "0016_campaign_copies.sql"], applied);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
            Assert.Equal(("taro", "becky-2"), await connection.QuerySingleAsync<(string Account, string Program)>("SELECT Account, Program FROM Members"));
        Assert.Empty(await test.Migrator().MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_migration_names_the_script()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            // A table in the way makes 0001 fail the way a half-migrated database would.
            await connection.ExecuteAsync("CREATE TABLE DataProtectionKeys (Id TEXT)");
        }

        var error = await Assert.ThrowsAsync<Portal.Core.Data.MigrationFailedException>(() => test.Migrator().MigrateAsync(CancellationToken.None));

        Assert.Contains("0001_data_protection_keys.sql", error.Message, StringComparison.Ordinal);
    }
}
