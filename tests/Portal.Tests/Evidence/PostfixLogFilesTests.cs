using System.IO.Compression;
using System.Text;
using Portal.Core.Evidence;

namespace Portal.Tests.Evidence;

/// <summary>Rotated and compressed files, and streams that arrive a little at a time.</summary>
public sealed class PostfixLogFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Numbered_rotations_are_read_oldest_first_and_other_names_are_left_out()
    {
        foreach (var name in new[] { "maillog", "maillog.1", "maillog.2.gz", "maillog.10.gz", "maillog.3.gz", "maillog.bak", "maillog.1.old", "mail.err" })
            File.WriteAllText(_folder.File(name), "");

        var files = PostfixLogFiles.Rotation(_folder.File("maillog")).Select(Path.GetFileName).ToList();

        Assert.Equal(["maillog.10.gz", "maillog.3.gz", "maillog.2.gz", "maillog.1", "maillog"], files);
    }

    [Fact]
    public void Dated_rotations_are_read_by_date()
    {
        // logrotate's dateext, and `postfix logrotate` (maillog_file_rotate_suffix %Y%m%d-%H%M%S, then gzip).
        foreach (var name in new[] { "postfix.log", "postfix.log.20261202-030000.gz", "postfix.log.20261130-030000.gz", "postfix.log.20261201-030000" })
            File.WriteAllText(_folder.File(name), "");

        Assert.Equal(["postfix.log.20261130-030000.gz", "postfix.log.20261201-030000", "postfix.log.20261202-030000.gz", "postfix.log"],
            PostfixLogFiles.Rotation(_folder.File("postfix.log")).Select(Path.GetFileName).ToList());
        File.WriteAllText(_folder.File("maillog-20261201"), "");
        Assert.Equal(["maillog-20261201"], PostfixLogFiles.Rotation(_folder.File("maillog")).Select(Path.GetFileName).ToList());
    }

    [Fact]
    public void Files_named_on_a_command_line_are_put_oldest_first_per_log()
    {
        var given = new[] { "maillog", "maillog.1", "maillog.10.gz", "maillog.2.gz", "postfix.log", "postfix.log.20261202-030000.gz", "postfix.log.20261130-030000", "maillog-20261201" }
            .Select(_folder.File);

        var files = PostfixLogFiles.OldestFirst(given).Select(Path.GetFileName).ToList();

        Assert.Equal(["maillog.10.gz", "maillog.2.gz", "maillog.1", "maillog-20261201", "maillog", "postfix.log.20261130-030000", "postfix.log.20261202-030000.gz", "postfix.log"], files);
        Assert.Equal(["x/maillog.1", "x/maillog"], PostfixLogFiles.OldestFirst(["x/maillog", "x/maillog.1"]));
    }

    [Fact]
    public void A_log_read_in_parts_keeps_what_is_open_between_them_and_tells_the_line_of_each_record()
    {
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));
        static MemoryStream Part(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        var first = log.ReadPart(Part(
            "Dec  2 10:00:00 mx1 postfix/smtpd[5201]: connect from unknown[198.51.100.77]",
            "Dec  2 10:00:01 mx1 postfix/smtpd[5201]: 8F1E2D3C4B: client=unknown[198.51.100.77], sasl_method=LOGIN, sasl_username=jiro")).Select(r => (r.QueueId, log.Counts.LinesRead)).ToList();
        var second = log.ReadPart(Part(
            "Dec  2 10:00:02 mx1 postfix/smtpd[5202]: warning: unknown[198.51.100.78]: SASL PLAIN authentication failed: authentication failure, sasl_username=taro",
            "Dec  2 10:00:03 mx1 postfix/qmgr[901]: 8F1E2D3C4B: from=<jiro@example.jp>, size=2048, nrcpt=1 (queue active)")).Select(r => (r.QueueId, log.Counts.LinesRead)).ToList();

        Assert.Empty(first);
        Assert.Equal(new List<(string?, long)> { (null, 3), ("8F1E2D3C4B", 4) }, second);
        Assert.Empty(log.Finish());
    }

    [Fact]
    public void A_message_logged_across_rotated_and_compressed_files_is_one_message()
    {
        WriteGzip("maillog.2.gz",
            "Dec  1 23:59:58 mx1 postfix/submission/smtpd[4101]: connect from pc.example.ne.jp[198.51.100.23]",
            "Dec  1 23:59:58 mx1 postfix/submission/smtpd[4101]: Anonymous TLS connection established from pc.example.ne.jp[198.51.100.23]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)");
        File.WriteAllText(_folder.File("maillog.1"),
            "Dec  1 23:59:59 mx1 postfix/submission/smtpd[4101]: C3CD21F3E90: client=pc.example.ne.jp[198.51.100.23], sasl_method=PLAIN, sasl_username=taro@example.jp\n");
        File.WriteAllText(_folder.File("maillog"),
            "Dec  2 00:00:00 mx1 postfix/qmgr[901]: C3CD21F3E90: from=<taro@example.jp>, size=1532, nrcpt=1 (queue active)\n"
            + "Dec  2 00:00:01 mx1 postfix/smtpd[5201]: 8F1E2D3C4B: client=unknown[198.51.100.77]\n"
            + "Dec  2 00:00:01 mx1 postfix/qmgr[901]: 8F1E2D3C4B: from=<jiro@example.jp>, size=2048, nrcpt=1 (queue active)"); // no end of line
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));

        var records = log.ReadFiles([_folder.File("maillog.2.gz"), _folder.File("maillog.1"), _folder.File("maillog")]).ToList();

        Assert.Equal([("C3CD21F3E90", EvidenceKind.SubmissionAuth, true), ("8F1E2D3C4B", EvidenceKind.Port25NoAuth, false)],
            records.Select(r => (r.QueueId, r.Kind, r.Tls)).ToList());
        Assert.Equal((6, 0), (log.Counts.LinesRead, log.Counts.LinesUnreadable));
    }

    [Fact]
    public void Gzip_is_known_by_its_bytes_on_a_stream_and_concatenated_members_are_read_through()
    {
        var bytes = new MemoryStream();
        foreach (var part in new[] { SubmissionLines[..2], SubmissionLines[2..] })
        {
            using var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true);
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", part) + "\n"));
        }

        bytes.Position = 0;
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));

        var record = Assert.Single(log.Read(bytes).ToList());

        Assert.Equal(("taro@example.jp", true), (record.Who, record.Tls));
        Assert.Equal(4, log.Counts.LinesRead);
    }

    [Fact]
    public void A_stream_that_arrives_a_byte_at_a_time_reads_the_same()
    {
        var text = Encoding.UTF8.GetBytes(string.Join("\r\n", SubmissionLines) + "\r\n");
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));

        var record = Assert.Single(log.Read(new TrickleStream(text)).ToList());

        Assert.Equal(("taro@example.jp", "taro@example.jp", true), (record.Who, record.Sender, record.Tls));
        Assert.Equal((4, 0), (log.Counts.LinesRead, log.Counts.LinesUnreadable));
    }

    [Fact]
    public void A_line_longer_than_any_log_line_is_one_unreadable_line_and_the_next_is_read()
    {
        var huge = "Dec  2 15:04:05 mx1 postfix/cleanup[1]: " + new string('x', LogLineReader.MaxLineBytes * 2 + 17);
        var text = Encoding.UTF8.GetBytes(string.Join("\n", [.. SubmissionLines[..2], huge, .. SubmissionLines[2..]]) + "\n");
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));

        var record = Assert.Single(log.Read(new MemoryStream(text)).ToList());

        Assert.Equal("taro@example.jp", record.Who);
        Assert.Equal((5, 1), (log.Counts.LinesRead, log.Counts.LinesUnreadable));
    }

    [Fact]
    public void A_compressed_file_cut_short_or_damaged_gives_what_it_has()
    {
        var whole = new MemoryStream();
        using (var gzip = new GZipStream(whole, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", SubmissionLines) + "\n"));
            var random = new Random(5);
            for (var i = 0; i < 3000; i++) gzip.Write(Encoding.UTF8.GetBytes($"Dec  2 15:05:{i % 60:00} mx1 postfix/anvil[900]: statistics: {random.Next()} at Dec  2 15:00:00\n"));
        }

        var bytes = whole.ToArray();

        // Cut short (copied while being compressed): GZipStream just ends, so nothing says so.
        var cut = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));
        Assert.Equal("taro@example.jp", Assert.Single(cut.Read(new MemoryStream(bytes[..(bytes.Length / 2)])).ToList()).Who);
        Assert.InRange(cut.Counts.LinesRead, 5, 3003);

        // Damaged in the middle: the deflate data is refused, and that is counted.
        var damaged = bytes.ToArray();
        damaged.AsSpan(damaged.Length / 2, 64).Fill(0xff);
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(2026));
        Assert.Equal("taro@example.jp", Assert.Single(log.Read(new MemoryStream(damaged)).ToList()).Who);
        Assert.Equal(1, log.Counts.CompressedDamaged);
        Assert.True(log.Counts.LinesRead > 4); // and maybe garbage decoded before the damage was noticed
    }

    private static readonly string[] SubmissionLines =
    [
        "Dec  2 15:04:05 mx1 postfix/submission/smtpd[4101]: connect from pc.example.ne.jp[198.51.100.23]",
        "Dec  2 15:04:05 mx1 postfix/submission/smtpd[4101]: Trusted TLS connection established from pc.example.ne.jp[198.51.100.23]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
        "Dec  2 15:04:06 mx1 postfix/submission/smtpd[4101]: C3CD21F3E90: client=pc.example.ne.jp[198.51.100.23], sasl_method=PLAIN, sasl_username=taro@example.jp",
        "Dec  2 15:04:06 mx1 postfix/qmgr[901]: C3CD21F3E90: from=<taro@example.jp>, size=1532, nrcpt=1 (queue active)",
    ];

    private void WriteGzip(string name, params string[] lines)
    {
        using var file = File.Create(_folder.File(name));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A pipe that hands over one byte per read.</summary>
    private sealed class TrickleStream(byte[] bytes) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytes.Length || count == 0) return 0;
            buffer[offset] = bytes[_position++];
            return 1;
        }
    }
}
