using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// SQL Server cannot run here, so every text it would run (its migrations, its own queries and the shared ones) is at
/// least parsed by Microsoft's own parser; every SQLite query is compiled against the migrated schema.
/// </summary>
public sealed class SqlFileTests
{
    /// <summary>Every T-SQL text by a name: the SQL Server migrations, and each query as SQL Server gets it.</summary>
    public static TheoryData<string> TSqlTexts => new(SqlFiles.Names().Where(n => n.StartsWith(DatabaseMigrator.MigrationPrefix(DatabaseProvider.SqlServer), StringComparison.Ordinal))
        .Concat(SqlFiles.Queries().Select(q => $"{q.Feature}/{q.Name}")));

    public static TheoryData<string> SqliteQueries => new(SqlFiles.Queries().Select(q => $"{q.Feature}/{q.Name}"));

    private static string QueryText(DatabaseProvider provider, string query) =>
        query.StartsWith(SqlFiles.Prefix, StringComparison.Ordinal) ? SqlFiles.Read(query) : SqlFiles.Query(provider, query.Split('/')[0], query.Split('/')[1]);

    [Theory]
    [MemberData(nameof(TSqlTexts))]
    public void Every_TSql_text_parses_without_errors(string name)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(QueryText(DatabaseProvider.SqlServer, name));

        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{name}({e.Line},{e.Column}): {e.Message}")));
        Assert.NotEmpty(((TSqlScript)fragment).Batches);
    }

    [Fact]
    public void A_query_has_a_file_of_each_dialect_only_where_their_texts_differ()
    {
        var problems = new List<string>();
        foreach (var (feature, name) in SqlFiles.Queries())
        {
            string? Own(string dialect) => SqlFiles.Names().Contains($"{SqlFiles.Prefix}{feature}/Sql/{dialect}/{name}.sql") ? SqlFiles.Read($"{SqlFiles.Prefix}{feature}/Sql/{dialect}/{name}.sql") : null;
            var shared = SqlFiles.Names().Contains($"{SqlFiles.Prefix}{feature}/Sql/{name}.sql");
            var (sqlite, sqlServer) = (Own("Sqlite"), Own("SqlServer"));
            if (!shared && (sqlite is null || sqlServer is null)) problems.Add($"{feature}/{name}: only one dialect has it, and there is no shared file");
            if (sqlite is not null && sqlServer is not null && sqlite == sqlServer.Replace("dbo.", "", StringComparison.Ordinal))
                problems.Add($"{feature}/{name}: the two dialects' texts differ only in the schema: make it one file in {feature}/Sql");
            if (shared && sqlite is not null && sqlServer is not null) problems.Add($"{feature}/{name}: a shared file that neither dialect uses");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains(("Staff", "EndSession"), SqlFiles.Queries());
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
        command.CommandText = QueryText(DatabaseProvider.Sqlite, name);

        // Prepare compiles every statement without running it: unknown tables, columns or syntax fail here.
        command.Prepare();
    }

    [Fact]
    public void A_missing_query_names_the_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlFiles.Query(DatabaseProvider.Sqlite, "Nowhere", "Nothing"));

        Assert.Contains("'sql/Nowhere/Sql/Sqlite/Nothing.sql' or 'sql/Nowhere/Sql/Nothing.sql'", error.Message, StringComparison.Ordinal);
    }
}
