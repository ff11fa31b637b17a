using Portal.Core;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Portal.Cli;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Evidence;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Evidence.EvidenceLines;

namespace Portal.Tests.Evidence;

/// <summary>`portal evidence import|follow|show` on the embedded database of a content root of their own, with log lines of yesterday (rsyslog's ISO time stamps).</summary>
public sealed class EvidenceCliTests : IDisposable
{
    private static readonly TimeSpan Tokyo = TimeSpan.FromHours(9);
    private readonly TempFolder _contentRoot = new();
    private readonly DateTimeOffset _yesterday = new(DateTimeOffset.UtcNow.ToOffset(Tokyo).Date.AddDays(-1).AddHours(10), Tokyo);

    private string At(int minutes) => _yesterday.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    private string[] Older => Submission(At(0), 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp");

    private string[] Newer => [.. Port25(At(5), 5201, "8F1E2D3C4B", "jiro@example.jp"), AuthFailed(At(6), 5202, null)];

    [Fact]
    public async Task Import_reads_the_files_given_oldest_first_counts_each_line_once_and_show_tells_a_member()
    {
        await MembersAsync();
        await File.WriteAllTextAsync(_contentRoot.File("maillog.1"), Text(Older));
        await File.WriteAllTextAsync(_contentRoot.File("maillog"), Text(Newer));

        var (code, output, error) = await Run(null, "evidence", "import", _contentRoot.File("maillog"), _contentRoot.File("maillog.1"));
        var (againCode, again, _) = await Run(null, "evidence", "import", _contentRoot.File("maillog"), _contentRoot.File("maillog.1"));
        var (jsonCode, json, _) = await Run(null, "evidence", "show", "taro", "--json");
        var (textCode, text, _) = await Run(null, "evidence", "show", "jiro@example.jp");
        var (unknownCode, _, unknownError) = await Run(null, "evidence", "show", "nobody");

        Assert.True(code == ExitCode.Ok, error);
        Assert.Equal(
            [
                $"{_contentRoot.File("maillog.1")}: 5 lines, 5 new",
                $"{_contentRoot.File("maillog")}: 5 lines, 5 new",
                "Read: 10 lines, 0 unreadable (0 of them other programs')",
                "Counted: port25-noauth 1, port25-auth 0, submission-auth 1, auth-failed 1",
                "Members seen: port25-noauth 1, port25-auth 0, submission-auth 1, auth-failed 0",
                "Not matched to a member: port25-noauth 0, port25-auth 0, submission-auth 0, auth-failed 1",
                "Not counted: 0 counted before, 0 older than the days kept, 0 left waiting for the log to go on",
            ],
            Lines(output));
        Assert.Equal(ExitCode.Ok, againCode);
        Assert.Contains($"{_contentRoot.File("maillog.1")}: 5 lines, nothing new (counted before)", again, StringComparison.Ordinal);
        Assert.Contains("Counted: port25-noauth 0, port25-auth 0, submission-auth 0, auth-failed 0", again, StringComparison.Ordinal);
        Assert.Contains("Not counted: 3 counted before,", again, StringComparison.Ordinal);

        Assert.Equal(ExitCode.Ok, jsonCode);
        var shown = JsonDocument.Parse(json).RootElement;
        Assert.Equal("taro", shown.GetProperty("account").GetString());
        Assert.Equal("moved", shown.GetProperty("verdict").GetString());
        Assert.Equal(90, shown.GetProperty("keepDays").GetInt32());
        var submission = shown.GetProperty("kinds").GetProperty("submission-auth");
        Assert.Equal(1, submission.GetProperty("count").GetInt64());
        Assert.Equal(_yesterday, DateTimeOffset.Parse(submission.GetProperty("last").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("+09:00", submission.GetProperty("first").GetString()![^6..]);
        Assert.Equal((0, JsonValueKind.Null), (shown.GetProperty("kinds").GetProperty("port25-noauth").GetProperty("count").GetInt64(),
            shown.GetProperty("kinds").GetProperty("port25-noauth").GetProperty("last").ValueKind));
        Assert.Equal(["port25-noauth", "port25-auth", "submission-auth", "auth-failed"], shown.GetProperty("kinds").EnumerateObject().Select(p => p.Name));

        Assert.Equal(ExitCode.Ok, textCode);
        Assert.Contains($"  port25-noauth         1  first {_yesterday.AddMinutes(5):yyyy-MM-dd HH:mm}  last {_yesterday.AddMinutes(5):yyyy-MM-dd HH:mm}", text, StringComparison.Ordinal);
        Assert.Contains("  submission-auth  none", text, StringComparison.Ordinal);
        Assert.Contains($"Not moved: port 25 only, last on {_yesterday.AddMinutes(5):yyyy-MM-dd HH:mm}.", text, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Failed, unknownCode);
        Assert.Contains("No member has the account or address nobody.", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_reads_standard_input_given_as_a_dash_alone()
    {
        await MembersAsync();
        await File.WriteAllTextAsync(_contentRoot.File("maillog"), Text([.. Older, .. Newer]));

        var (code, output, _) = await Run(Text(Older), "evidence", "import", "-");
        var (mixed, _, mixedError) = await Run("", "evidence", "import", "-", _contentRoot.File("maillog"));
        var (missing, _, missingError) = await Run("", "evidence", "import", _contentRoot.File("nope"));
        // What standard input gave is the start of the file (the log has grown since): known by its first bytes.
        var (fileCode, fileOutput, _) = await Run(null, "evidence", "import", _contentRoot.File("maillog"));

        Assert.Equal(ExitCode.Ok, code);
        Assert.Contains("standard input: 5 lines, 5 new", output, StringComparison.Ordinal);
        Assert.Contains("Counted: port25-noauth 0, port25-auth 0, submission-auth 1, auth-failed 0", output, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Usage, mixed);
        Assert.Contains("give it alone", mixedError, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Usage, missing);
        Assert.Contains("no such file", missingError, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Ok, fileCode);
        Assert.Contains($"{_contentRoot.File("maillog")}: 10 lines, 5 new", fileOutput, StringComparison.Ordinal);
        Assert.Contains("Counted: port25-noauth 1, port25-auth 0, submission-auth 0, auth-failed 1", fileOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_counts_standard_input_and_is_refused_while_another_process_holds_the_log()
    {
        await MembersAsync();

        var (code, output, error) = await Run(Text([.. Older, .. Newer]), "evidence", "follow", "-", "--name", "mx1");
        var store = Store();
        var held = await store.ClaimFollowAsync(EvidenceSource.FollowPrefix + "mx1", "mx1", "mx2.example.jp:4242:beef", DateTimeOffset.UtcNow.AddMinutes(2), CancellationToken.None);
        var (refused, refusedOutput, refusedError) = await Run(Text(Newer), "evidence", "follow", "-", "--name", "mx1");
        var (otherName, _, _) = await Run("", "evidence", "follow", "-", "--name", "mx3");
        var (notDash, _, notDashError) = await Run("", "evidence", "follow", _contentRoot.File("maillog"));
        var (badName, _, _) = await Run("", "evidence", "follow", "-", "--name", "mx 1");

        Assert.True(code == ExitCode.Ok, error);
        // A slow machine may write once more on the way (every Evidence:FlushSeconds): the writes are not compared.
        Assert.StartsWith("Followed 'mx1' (its input ended): 10 lines, ", output, StringComparison.Ordinal);
        Assert.Equal(
            [
                "Counted: port25-noauth 1, port25-auth 0, submission-auth 1, auth-failed 1",
                "Not matched to a member: port25-noauth 0, port25-auth 0, submission-auth 0, auth-failed 1",
                "Not counted: 0 replayed (counted before), 0 older than the days kept",
            ],
            Lines(output).Skip(1));
        Assert.True(held.Claimed);
        Assert.Equal(ExitCode.TryLater, refused);
        Assert.Empty(refusedOutput);
        Assert.Contains("The log 'mx1' is followed by mx2.example.jp:4242:beef", refusedError, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Ok, otherName);
        Assert.Equal(ExitCode.Usage, notDash);
        Assert.Contains("standard input only", notDashError, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Usage, badName);
        var taro = await new MemberStore(Database(), TimeProvider.System).FindByAddressAsync("taro", CancellationToken.None);
        Assert.Equal(1, Assert.Single(await store.SummaryAsync(taro!.Id, CancellationToken.None)).Count);
    }

    private async Task MembersAsync()
    {
        Assert.Equal(ExitCode.Ok, (await Run(null, "migrate")).Code);
        await new MemberStore(Database(), TimeProvider.System).UpsertAsync(
            [new MemberRow("taro", "taro@example.jp", "Taro", null, "ja"), new MemberRow("jiro", "jiro@example.jp", "Jiro", null, "ja")], "test", CancellationToken.None);
    }

    private PortalDatabase Database() => new(DatabaseLocation.Resolve(new DatabaseOptions(), _contentRoot.Path));

    private EvidenceStore Store() => new(Database(), Options.Create(new EvidenceOptions()), Options.Create(new IspOptions()), Options.Create(new ScheduleOptions()), TimeProvider.System);

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    private Task<(int Code, string Output, string Error)> Run(string? input, params string[] args) => CliRun.InAsync(_contentRoot.Path, input, args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _contentRoot.Dispose();
    }
}
