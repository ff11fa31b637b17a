using Portal.Core;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Portal.Cli;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Staff;

/// <summary>`portal staff` and `portal members import` on the embedded database of a content root of their own.</summary>
public sealed class StaffAndMembersCliTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    [Fact]
    public async Task Staff_are_added_with_the_password_from_stdin_once_and_disabled()
    {
        var (added, addedOutput, _) = await Run("long enough password\n", "staff", "add", "--email", "Hanako@example.jp", "--role", "admin");
        var (again, _, againError) = await Run("long enough password\n", "staff", "add", "--email", "hanako@example.jp", "--role", "agent");
        var (noPassword, _, noPasswordError) = await Run("", "staff", "add", "--email", "jiro@example.jp", "--role", "agent");
        var (badRole, _, badRoleError) = await Run("long enough password\n", "staff", "add", "--email", "jiro@example.jp", "--role", "root");
        var (disabled, disabledOutput, _) = await Run("", "staff", "disable", "--email", "hanako@example.jp");
        var (unknown, _, unknownError) = await Run("", "staff", "disable", "--email", "nobody@example.jp");

        Assert.Equal((ExitCode.Ok, "Added hanako@example.jp (admin)."), (added, addedOutput.Trim()));
        Assert.Equal((ExitCode.Failed, "Not added: hanako@example.jp already has an account."), (again, againError.Trim()));
        Assert.Equal(ExitCode.Usage, noPassword);
        Assert.Contains("standard input", noPasswordError, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Usage, badRole);
        Assert.Contains("root", badRoleError, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Ok, disabled);
        Assert.Contains("Disabled hanako@example.jp", disabledOutput, StringComparison.Ordinal);
        Assert.Equal((ExitCode.Failed, "No staff account nobody@example.jp."), (unknown, unknownError.Trim()));
        await using var db = new SqliteConnection($"Data Source={_contentRoot.File("App_Data/portal.db")}");
        Assert.Equal(["staff-added", "staff-disabled"], await db.QueryAsync<string>("SELECT Action FROM StaffActions ORDER BY Id"));
    }

    [Fact]
    public async Task A_file_with_problems_is_imported_only_when_asked_for_the_valid_rows()
    {
        var file = _contentRoot.File("members.csv");
        await File.WriteAllTextAsync(file, "account,email,name,program\ntaro,taro@example.jp,Taro,becky-2\nhanako,not-an-address,Hanako,\njiro,jiro@example.jp,Jiro,eudora\n", Encoding.UTF8);

        var (refused, refusedOutput, refusedError) = await Run("", "members", "import", file);
        var (imported, importedOutput, _) = await Run("", "members", "import", file, "--valid-only");
        var (missing, _, missingError) = await Run("", "members", "import", _contentRoot.File("nope.csv"));

        Assert.Equal(ExitCode.Failed, refused);
        Assert.Contains("members.csv: UTF-8, 3 row(s), 1 valid, 2 problem(s)", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("  line 3, email: 'not-an-address' is not a mail address", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("  line 4, program: unknown program 'eudora' (known: apple-mail, becky-2, ", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("--valid-only", refusedError, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Ok, imported);
        Assert.Contains("Imported: 1 added, 0 updated.", importedOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Usage, missing);
        Assert.Contains("Cannot read", missingError, StringComparison.Ordinal);
        await using var db = new SqliteConnection($"Data Source={_contentRoot.File("App_Data/portal.db")}");
        Assert.Equal(["taro"], await db.QueryAsync<string>("SELECT Account FROM Members"));
    }

    private Task<(int Code, string Output, string Error)> Run(string input, params string[] args) => CliRun.InAsync(_contentRoot.Path, input, args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _contentRoot.Dispose();
    }
}
