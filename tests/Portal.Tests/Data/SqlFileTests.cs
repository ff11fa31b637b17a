using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>SQL Server cannot run here, so every T-SQL file is at least parsed by Microsoft's own parser.</summary>
public sealed class SqlFileTests
{
    public static TheoryData<string> TSqlFiles => new(SqlFiles.Names().Where(n => n.Contains("/SqlServer/", StringComparison.Ordinal)));

    public static TheoryData<string> SqliteQueries => new(SqlFiles.Names()
        .Where(n => n.Contains("/Sqlite/", StringComparison.Ordinal) && !n.Contains("/Migrations/", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(TSqlFiles))]
    public void Every_TSql_file_parses_without_errors(string name)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(SqlFiles.Read(name));

        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{name}({e.Line},{e.Column}): {e.Message}")));
        Assert.NotEmpty(((TSqlScript)fragment).Batches);
    }

    [Fact]
    public void Each_dialect_has_the_same_files()
    {
        static IEnumerable<string> Of(string dialect) => SqlFiles.Names()
            .Where(n => n.Contains($"/{dialect}/", StringComparison.Ordinal))
            .Select(n => n.Replace($"/{dialect}/", "/<dialect>/", StringComparison.Ordinal));

        Assert.Equal(Of("Sqlite").Order(), Of("SqlServer").Order());
        Assert.NotEmpty(Of("Sqlite"));
    }

    [Fact]
    public void Migrations_are_numbered_without_gaps()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var prefix = DatabaseMigrator.MigrationPrefix(provider);
            var numbers = SqlFiles.Names().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                .Select(n => int.Parse(n[prefix.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers.Order());
            Assert.Equal(numbers.Distinct(), numbers);
        }
    }

    [Theory]
    [MemberData(nameof(SqliteQueries))]
    public async Task Every_SQLite_query_compiles_against_the_migrated_schema(string name)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var connection = (SqliteConnection)await test.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlFiles.Read(name);

        // Prepare compiles every statement without running it: unknown tables, columns or syntax fail here.
        command.Prepare();
    }

    [Fact]
    public void A_missing_query_names_the_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlFiles.Query(DatabaseProvider.Sqlite, "Nowhere", "Nothing"));

        Assert.Contains("sql/Nowhere/Sql/Sqlite/Nothing.sql", error.Message, StringComparison.Ordinal);
    }
}
