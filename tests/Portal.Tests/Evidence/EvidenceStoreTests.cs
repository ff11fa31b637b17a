using System.IO.Compression;
using System.Text;
using Dapper;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Evidence.EvidenceLines;

namespace Portal.Tests.Evidence;

public sealed class EvidenceStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    internal static readonly MemberRow Taro = new("taro", "taro@example.jp", "Taro", null, "ja");
    internal static readonly MemberRow Jiro = new("jiro", "jiro@example.jp", "Jiro", null, "ja");

    /// <summary>Messages of taro and jiro and failed sign-ins on 2 and 3 December (Tokyo), in log order.</summary>
    internal static readonly string[] Day =
    [
        .. Port25("Dec  2 10:00:00", 5201, "8F1E2D3C4B", "JIRO@example.jp"),
        .. Port25Auth("Dec  2 11:00:00", 5202, "1A2B3C4D5E", "jiro", "jiro@example.jp"),
        // A sender that is somebody's account, not an address: senders are matched by address only.
        .. Port25("Dec  2 12:00:00", 5203, "2B3C4D5E6F", "jiro"),
        AuthFailed("Dec  2 13:00:00", 5204, "taro@example.jp"),
        AuthFailed("Dec  2 13:00:01", 5205, null),
        AuthFailed("Dec  2 13:00:02", 5206, "stranger@example.jp"),
        .. Submission("Dec  2 15:04:05", 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp"),
        // The last second of 2 December in Tokyo and the first of the 3rd: one day in UTC, two days for the ISP.
        .. Submission("Dec  2 23:59:59", 4102, "D4DE32F4FA1", "Taro@Example.JP", "taro@example.jp"),
        .. Submission("Dec  3 00:00:01", 4103, "E5EF43A5AB2", "taro@example.jp", "taro@example.jp"),
    ];

    internal static readonly string[] DayEvidence =
    [
        "jiro port25-auth 2026-12-02 1 12-02T11:00:00-12-02T11:00:00",
        "jiro port25-noauth 2026-12-02 1 12-02T10:00:00-12-02T10:00:00",
        "taro auth-failed 2026-12-02 1 12-02T13:00:00-12-02T13:00:00",
        "taro submission-auth 2026-12-02 2 12-02T15:04:05-12-02T23:59:59",
        "taro submission-auth 2026-12-03 1 12-03T00:00:01-12-03T00:00:01",
    ];

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Records_are_counted_per_member_kind_and_ISP_day_and_the_rest_as_not_matched(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro, Jiro);

        var report = await bench.ImportTextAsync("maillog", Text(Day));

        Assert.Equal(DayEvidence, await bench.EvidenceAsync());
        Assert.Equal(["2026-12-02 auth-failed 2", "2026-12-02 port25-noauth 1"], await bench.UnmatchedAsync());
        Assert.Equal([2L, 1, 3, 3], report.Counted);
        Assert.Equal([1L, 0, 0, 2], report.Unmatched);
        Assert.Equal([1, 1, 1, 1], EvidenceKinds.All.Select(report.MembersSeen));
        Assert.Equal(((long)Day.Length, 0L, 0L, 0L), (report.Log.LinesRead, report.CountedBefore, report.TooOld, report.LeftWaiting));
        Assert.Null(report.Stopped);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Importing_the_same_file_again_changes_nothing(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro, Jiro);
        var file = _folder.File("maillog");
        await File.WriteAllTextAsync(file, Text(Day));

        await bench.ImportAsync(file);
        var again = await bench.ImportAsync(file);

        Assert.Equal(DayEvidence, await bench.EvidenceAsync());
        Assert.Equal(["2026-12-02 auth-failed 2", "2026-12-02 port25-noauth 1"], await bench.UnmatchedAsync());
        Assert.Equal([0L, 0, 0, 0], again.Counted);
        Assert.Equal(9, again.CountedBefore);
        Assert.Equal(new EvidenceFileRead(file, Day.Length, Day.Length), Assert.Single(again.Files));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task After_rotation_and_gzip_only_lines_not_counted_before_are_counted_and_a_message_across_them_once(DatabaseProvider provider)
    {
        // A: more than a fingerprint's 4 KiB, ending with jiro's signed-in message on port 25 whose sender line is in B.
        string[] partA =
        [
            .. Enumerable.Range(0, 40).Select(i => $"Dec  2 09:{i:00}:00 mx1 postfix/anvil[900]: statistics: max connection rate 1/60s for (smtp:198.51.100.{i}) at Dec  2 09:{i:00}:00"),
            .. Submission("Dec  2 10:00:00", 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp"),
            "Dec  2 10:05:00 mx1 postfix/smtpd[5202]: connect from p5202.example.ne.jp[198.51.100.40]",
            "Dec  2 10:05:00 mx1 postfix/smtpd[5202]: 1A2B3C4D5E: client=p5202.example.ne.jp[198.51.100.40], sasl_method=LOGIN, sasl_username=jiro",
        ];
        string[] partB =
        [
            "Dec  2 10:05:01 mx1 postfix/qmgr[901]: 1A2B3C4D5E: from=<jiro@example.jp>, size=700, nrcpt=1 (queue active)",
            .. Submission("Dec  2 11:00:00", 4102, "D4DE32F4FA1", "taro@example.jp", "taro@example.jp"),
        ];
        string[] partC = [.. Port25("Dec  2 12:00:00", 5203, "2B3C4D5E6F", "jiro@example.jp")];
        Assert.True(Encoding.UTF8.GetByteCount(Text(partA)) > FingerprintedLog.FingerprintBytes);
        string[] expected =
        [
            "jiro port25-auth 2026-12-02 1 12-02T10:05:00-12-02T10:05:00",
            "jiro port25-noauth 2026-12-02 1 12-02T12:00:00-12-02T12:00:00",
            "taro submission-auth 2026-12-02 2 12-02T10:00:00-12-02T11:00:00",
        ];
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro, Jiro);
        var live = _folder.File("maillog");

        await File.WriteAllTextAsync(live, Text(partA));
        var first = await bench.ImportAsync(live);
        // The log grows, then logrotate moves it to maillog.1 and compresses it (delaycompress aside), and starts anew.
        await File.AppendAllTextAsync(live, Text(partB));
        await using (var gz = new GZipStream(File.Create(_folder.File("maillog.1.gz")), CompressionLevel.Optimal))
            await gz.WriteAsync(await File.ReadAllBytesAsync(live));
        File.Delete(live);
        await File.WriteAllTextAsync(live, Text(partC));
        var second = await bench.ImportAsync(PostfixLogFiles.OldestFirst([live, _folder.File("maillog.1.gz")]).ToArray());
        var third = await bench.ImportAsync(_folder.File("maillog.1.gz"), live);

        Assert.Equal([0L, 0, 1, 0], first.Counted);
        Assert.Equal(1, first.LeftWaiting); // jiro's message waits for its sender line: not counted yet
        Assert.Equal([_folder.File("maillog.1.gz"), live], second.Files.Select(f => f.Name));
        Assert.Equal([(long)(partA.Length + partB.Length), partC.Length], second.Files.Select(f => f.Lines));
        Assert.Equal([(long)partA.Length, 0], second.Files.Select(f => f.CountedBefore));
        Assert.Equal([1L, 1, 1, 0], second.Counted);
        Assert.Equal([0L, 0, 0, 0], third.Counted);
        Assert.Equal(expected, await bench.EvidenceAsync());

        // The same as one read of the whole log into an empty database.
        await using var once = await EvidenceBench.CreateAsync(provider);
        await once.AddMembersAsync(Taro, Jiro);
        await once.ImportTextAsync("whole", Text([.. partA, .. partB, .. partC]));
        Assert.Equal(expected, await once.EvidenceAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_file_known_while_shorter_than_its_fingerprint_is_found_again_once_it_has_grown(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro, Jiro);
        var file = _folder.File("maillog");
        var sessions = Enumerable.Range(0, 30).Select(i => Submission($"Dec  2 1{i / 10}:{i % 10:00}:00", 4100 + i, $"C3CD21F{i:000}", "taro@example.jp", "taro@example.jp")).ToList();
        await File.WriteAllTextAsync(file, Text(sessions[0]));
        Assert.True(new FileInfo(file).Length < FingerprintedLog.FingerprintBytes);

        var first = await bench.ImportAsync(file);
        await File.AppendAllTextAsync(file, Text(sessions.Skip(1).SelectMany(s => s)));
        var second = await bench.ImportAsync(file);
        var third = await bench.ImportAsync(file);

        Assert.Equal([0L, 0, 1, 0], first.Counted);
        Assert.Equal([0L, 0, 29, 0], second.Counted);
        Assert.Equal([0L, 0, 0, 0], third.Counted);
        Assert.Equal(["taro submission-auth 2026-12-02 30 12-02T10:00:00-12-02T12:09:00"], await bench.EvidenceAsync());
        using var log = FingerprintedLog.Open(File.OpenRead(file), leaveOpen: false);
        var source = await bench.Store.FindSourceAsync(log.Fingerprint, CancellationToken.None);
        Assert.NotNull(source);
        Assert.Equal((FingerprintedLog.FingerprintBytes, 150L), (source.PrefixBytes, source.LinesRead));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_chunk_is_one_transaction_so_an_import_that_dies_half_way_counts_nothing_twice_when_run_again(DatabaseProvider provider)
    {
        var sessions = Enumerable.Range(0, 40).SelectMany(i => i % 2 == 0
            ? Submission($"Dec  2 1{i / 10}:{i % 10:00}:00", 4100 + i, $"C3CD21F{i:000}", "taro@example.jp", "taro@example.jp")
            : Port25($"Dec  2 1{i / 10}:{i % 10:00}:00", 5100 + i, $"8F1E2D3{i:000}", "jiro@example.jp")).ToArray();
        var file = _folder.File("maillog");
        await File.WriteAllTextAsync(file, Text(sessions));
        await using var bench = await EvidenceBench.CreateAsync(provider, new EvidenceOptions { FlushLines = 7 });
        await bench.AddMembersAsync(Taro, Jiro);
        var dying = new EvidenceInput(file, () => new DyingStream(File.OpenRead(file), failAfter: 5000), LeaveOpen: false);

        await Assert.ThrowsAsync<IOException>(() => bench.Import.ImportAsync([dying], EvidenceBench.Year, CancellationToken.None));
        var before = await bench.EvidenceAsync();
        var again = await bench.ImportAsync(file);

        Assert.NotEmpty(before); // chunks written before the failure stay
        Assert.True(again.CountedBefore > 0);
        Assert.Equal(["jiro port25-noauth 2026-12-02 20 12-02T10:01:00-12-02T13:09:00", "taro submission-auth 2026-12-02 20 12-02T10:00:00-12-02T13:08:00"],
            await bench.EvidenceAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Two_imports_of_one_file_at_once_count_it_once(DatabaseProvider provider)
    {
        var sessions = Enumerable.Range(0, 60).SelectMany(i =>
            Submission($"Dec  2 1{i / 10}:{i % 10:00}:00", 4100 + i, $"C3CD21F{i:000}", "taro@example.jp", "taro@example.jp")).ToArray();
        var file = _folder.File("maillog");
        await File.WriteAllTextAsync(file, Text(sessions));
        await using var bench = await EvidenceBench.CreateAsync(provider, new EvidenceOptions { FlushLines = 10 });
        await bench.AddMembersAsync(Taro);

        var reports = await Task.WhenAll(Task.Run(() => bench.ImportAsync(file)), Task.Run(() => bench.ImportAsync(file)));

        Assert.Equal(60, reports.Sum(r => r.Counted[(int)EvidenceKind.SubmissionAuth]));
        Assert.Equal(["taro submission-auth 2026-12-02 60 12-02T10:00:00-12-02T15:09:00"], await bench.EvidenceAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_write_from_where_the_file_no_longer_is_changes_nothing(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro);
        var file = _folder.File("maillog");
        await File.WriteAllTextAsync(file, Text(Day));
        await bench.ImportAsync(file);
        using var log = FingerprintedLog.Open(File.OpenRead(file), leaveOpen: false);
        var tally = bench.Store.NewTally();
        tally.Add(new MailEvidence(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(9)), EvidenceKind.SubmissionAuth, "taro", EvidenceIdentity.Login,
            "taro@example.jp", null, "postfix/submission", true, "mx1", "ABCDEF123"));

        // Another import counted the file from line 0 to its end meanwhile: this one, which read it from line 0 too, stops.
        var written = await bench.Store.WriteAsync(tally, new FileAdvance(log.Fingerprint, log.Fingerprint, log.PrefixBytes, file, Expected: 0, LinesRead: 40),
            CancellationToken.None);

        Assert.Null(written);
        Assert.Equal(["taro auth-failed 2026-12-02 1 12-02T13:00:00-12-02T13:00:00", "taro submission-auth 2026-12-02 2 12-02T15:04:05-12-02T23:59:59",
            "taro submission-auth 2026-12-03 1 12-03T00:00:01-12-03T00:00:01"], await bench.EvidenceAsync());
        Assert.Equal(Day.Length, (await bench.Store.FindSourceAsync(log.Fingerprint, CancellationToken.None))!.LinesRead);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Where_members_sign_in_with_the_local_part_a_login_is_matched_by_account_and_a_sender_by_address(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider, userNames: UserNameFormat.LocalPart);
        await bench.AddMembersAsync(new MemberRow("hanako", "hanako@example.jp", "Hanako", null, "ja"),
            // Two members share one address: a sender naming it names nobody.
            new MemberRow("papa", "family@example.jp", "Papa", null, "ja"), new MemberRow("mama", "family@example.jp", "Mama", null, "ja"));

        await bench.ImportTextAsync("maillog", Text(
        [
            .. Submission("Dec  2 10:00:00", 4101, "C3CD21F3E90", "hanako@example.jp", "hanako@example.jp"),
            .. Submission("Dec  2 10:01:00", 4102, "C3CD21F3E91", "hanako", "hanako@example.jp"),
            AuthFailed("Dec  2 10:02:00", 4103, "HANAKO@example.jp"),
            .. Port25("Dec  2 10:03:00", 5101, "8F1E2D3C4B", "Hanako@example.jp"),
            .. Port25("Dec  2 10:04:00", 5102, "8F1E2D3C4C", "family@example.jp"),
            .. Port25Auth("Dec  2 10:05:00", 5103, "8F1E2D3C4D", "papa@example.jp", "family@example.jp"),
        ]));

        Assert.Equal(
            [
                "hanako auth-failed 2026-12-02 1 12-02T10:02:00-12-02T10:02:00",
                "hanako port25-noauth 2026-12-02 1 12-02T10:03:00-12-02T10:03:00",
                "hanako submission-auth 2026-12-02 2 12-02T10:00:00-12-02T10:01:00",
                "papa port25-auth 2026-12-02 1 12-02T10:05:00-12-02T10:05:00",
            ],
            await bench.EvidenceAsync());
        Assert.Equal(["2026-12-02 port25-noauth 1"], await bench.UnmatchedAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Days_older_than_kept_are_not_counted_and_housekeeping_erases_them_and_the_sources_behind_them(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider, new EvidenceOptions { KeepDays = 5 });
        await bench.AddMembersAsync(Taro);
        var file = _folder.File("maillog");
        await File.WriteAllTextAsync(file, Text(
        [
            .. Submission("Dec  5 10:00:00", 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp"),
            .. Submission("Dec  6 10:00:00", 4102, "C3CD21F3E91", "taro@example.jp", "taro@example.jp"),
            AuthFailed("Dec  6 11:00:00", 4103, null),
        ]));

        // Today is 10 December: the 5 days kept are the 6th to the 10th.
        var report = await bench.ImportAsync(file);
        var kept = await bench.EvidenceAsync();
        bench.Time.Advance(TimeSpan.FromDays(1));
        var sweptOnTheEleventh = await bench.Store.SweepAsync(CancellationToken.None);
        var evidenceAfterSweep = await bench.EvidenceAsync();
        var unmatchedAfterSweep = await bench.UnmatchedAsync();
        using var log = FingerprintedLog.Open(File.OpenRead(file), leaveOpen: false);
        var sourceKept = await bench.Store.FindSourceAsync(log.Fingerprint, CancellationToken.None);
        bench.Time.Advance(TimeSpan.FromDays(7));
        var sweptLater = await bench.Store.SweepAsync(CancellationToken.None);

        Assert.Equal(1, report.TooOld);
        Assert.Equal(["taro submission-auth 2026-12-06 1 12-06T10:00:00-12-06T10:00:00"], kept);
        Assert.Equal(2, sweptOnTheEleventh);
        Assert.Empty(evidenceAfterSweep);
        Assert.Empty(unmatchedAfterSweep);
        Assert.NotNull(sourceKept);
        Assert.Equal(1, sweptLater);
        Assert.Null(await bench.Store.FindSourceAsync(log.Fingerprint, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Nothing_of_a_record_but_counts_and_times_is_stored(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro, Jiro);

        await bench.ImportTextAsync("maillog", Text(Day));

        // Queue ids, client addresses, host and service names and the unmatched names appear in no table.
        await using var connection = await bench.Test.Database.OpenAsync(CancellationToken.None);
        var stored = string.Join("\n", (await connection.QueryAsync("SELECT * FROM MemberEvidence"))
            .Concat(await connection.QueryAsync("SELECT * FROM UnmatchedEvidence"))
            .Concat(await connection.QueryAsync("SELECT * FROM EvidenceSources"))
            .SelectMany(row => ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        foreach (var secret in new[] { "8F1E2D3C4B", "198.51.100", "mx1", "submission/", "stranger", "p5201" })
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    /// <summary>A file read that fails part-way, as a disk or a killed process would end it.</summary>
    private sealed class DyingStream(Stream inner, int failAfter) : ForwardOnlyStream
    {
        private int _read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= failAfter) throw new IOException("The disk went away.");
            var n = inner.Read(buffer, offset, Math.Min(count, failAfter - _read));
            _read += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
