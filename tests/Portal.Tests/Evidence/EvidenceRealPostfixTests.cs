using Dapper;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Core.Members;
using Portal.Tests.CheckMail;
using Portal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Portal.Tests.Evidence;

/// <summary>
/// The real Postfix 3.x writing its own log (postlogd, <c>maillog_file</c>), as the check-mail tests start it
/// (<see cref="PrivateMailServers"/>: a submission listener with STARTTLS and AUTH through Dovecot, and a port-25-like
/// listener without AUTH, on loopback). A private pair, not the shared fixture: its log must hold this test's mail only.
/// </summary>
public sealed class EvidenceRealPostfixTests(ITestOutputHelper output)
{
    [Fact]
    public async Task What_Postfix_logs_of_port_25_submission_and_a_failed_sign_in_becomes_each_members_evidence()
    {
        await using var servers = new PrivateMailServers(output.WriteLine);
        await servers.StartAsync();
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var oldProgram = $"jiro@{servers.Domain}";
        await new MemberStore(test.Database, TimeProvider.System).UpsertAsync(
            [new MemberRow("member", servers.MemberAddress, "Member", null, "ja"), new MemberRow("jiro", oldProgram, "Jiro", null, "ja")], "test", CancellationToken.None);
        var started = DateTimeOffset.UtcNow;

        // An old mail program: port 25, no sign-in, the member's address as envelope sender.
        await CheckMailSender.SendAsync(CheckMailSender.Message(oldProgram, servers.CheckAddress, "from port 25"), servers.PlainPort, SecureSocketOptions.None,
            servers.Certificate);
        // A moved one: the submission port, STARTTLS, SMTP-AUTH.
        await CheckMailSender.SendAsync(CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, "from submission"), servers.SubmissionPort,
            SecureSocketOptions.StartTls, servers.Certificate, servers.MemberUser, servers.MemberPassword);
        // One half set up: the right port, the wrong password.
        await Assert.ThrowsAsync<AuthenticationException>(() => CheckMailSender.SendAsync(
            CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, "never sent"), servers.SubmissionPort, SecureSocketOptions.StartTls,
            servers.Certificate, servers.MemberUser, "not the password"));
        await servers.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30), CancellationToken.None);
        await EvidenceBench.EventuallyAsync(async () =>
        {
            var log = await File.ReadAllTextAsync(servers.PostfixLogFile);
            return log.Split("postfix/qmgr[").Length - 1 >= 2 && log.Contains("authentication failed", StringComparison.Ordinal);
        }, "Postfix logs both senders and the failed sign-in");

        // postlogd writes the machine's local time; the days are the ISP's (Tokyo).
        var evidence = new EvidenceOptions { TimeZone = TimeZoneInfo.Local.Id };
        var store = new EvidenceStore(test.Database, Options.Create(evidence), Options.Create(new IspOptions()), Options.Create(new ScheduleOptions()), TimeProvider.System);
        var import = new EvidenceImport(store, Options.Create(evidence));
        var first = await import.ImportAsync([EvidenceInput.File(servers.PostfixLogFile)], ClassicYear.Inferred(TimeProvider.System), CancellationToken.None);
        var again = await import.ImportAsync([EvidenceInput.File(servers.PostfixLogFile)], ClassicYear.Inferred(TimeProvider.System), CancellationToken.None);

        var logged = await File.ReadAllTextAsync(servers.PostfixLogFile);
        output.WriteLine(logged);
        output.WriteLine(first.Log.ToString());
        // MailKit tries PLAIN, then LOGIN: two failed sign-ins. Postfix 3.9 logs the name tried, and so does Debian 12's
        // 3.7 (Debian carries the change); a Postfix that does not, names nobody.
        var nameLogged = System.Text.RegularExpressions.Regex.IsMatch(logged, $"authentication failed: .*, sasl_username={System.Text.RegularExpressions.Regex.Escape(servers.MemberUser)}");
        Assert.Equal([1L, 0, 1, 2], first.Counted);
        Assert.Equal([0L, 0, 0, nameLogged ? 0 : 2], first.Unmatched);
        Assert.Equal(0, first.Log.LinesUnreadable);
        Assert.Equal([0L, 0, 0, 0], again.Counted);
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<Row>(
            "SELECT m.Account, e.Kind, e.Day, e.Count, e.FirstAt FROM MemberEvidence AS e JOIN Members AS m ON m.Id = e.MemberId ORDER BY m.Account, e.Kind")).ToList();
        var today = new ScheduleOptions().Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [$"jiro port25-noauth {today} 1", .. nameLogged ? [$"member auth-failed {today} 2"] : Array.Empty<string>(), $"member submission-auth {today} 1"],
            rows.Select(r => $"{r.Account} {r.Kind} {r.Day} {r.Count}"));
        // postlogd's time stamps have whole seconds.
        Assert.All(rows, r => Assert.InRange(r.FirstAt, started.AddSeconds(-1), DateTimeOffset.UtcNow));
        Assert.Equal(nameLogged ? [] : [$"{today} auth-failed 2"], await connection.QueryAsync<string>("SELECT Day || ' ' || Kind || ' ' || Count FROM UnmatchedEvidence"));
    }

    private sealed class Row
    {
        public string Account { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Day { get; init; } = "";
        public long Count { get; init; }
        public DateTimeOffset FirstAt { get; init; }
    }
}
