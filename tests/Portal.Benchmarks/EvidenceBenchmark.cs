using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Portal.Core.Evidence;

namespace Portal.Benchmarks;

/// <summary>
/// The Postfix log reader on a made-up busy day of a mail server: writes a log of 10 million lines (port 25 and
/// submission sessions interleaved over many smtpd processes, failed sign-ins, rejections, other programs and garbage)
/// to a temporary file, reads it back with <see cref="PostfixLog"/> on one thread and prints lines per second, seconds
/// and memory next to the goal (10 million lines in at most 60 s, memory flat). Figures only: a missed goal fails nothing.
/// </summary>
internal static class EvidenceBenchmark
{
    public const string Flag = "--evidence";

    private const double GoalSeconds = 60;
    private const long GoalLines = 10_000_000;

    public static Task<int> RunAsync(string[] args)
    {
        var lines = GoalLines;
        var (gzip, iso, keep) = (false, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--lines" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out lines) && lines > 0:
                    i++;
                    break;
                case "--gz": gzip = true; break;
                case "--iso": iso = true; break;
                case "--keep": keep = true; break;
                default:
                    Console.Error.WriteLine($"usage: {Flag} [--lines 10000000] [--gz] [--iso] [--keep]   (--gz also reads a gzip copy; --iso writes RFC 3339 stamps; --keep keeps the files)");
                    return Task.FromResult(2);
            }
        }

        BenchmarkMain.PrintMachine("Postfix log reader (issue 17, evidence of who has moved)");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"portal-evidence-bench-{Environment.ProcessId}")).FullName;
        try
        {
            var path = Path.Combine(folder, "maillog");
            var clock = Stopwatch.StartNew();
            var written = MadeUpLog.Write(path, lines, iso);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {written.Lines:N0} lines ({new FileInfo(path).Length / 1048576.0:N0} MiB, {(iso ? "RFC 3339" : "classic syslog")} stamps) in {clock.Elapsed.TotalSeconds:0.0} s: {path}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  made up: {written.Sessions:N0} smtpd sessions, up to {MadeUpLog.OpenSessions} open at once; {written.Garbage:N0} garbage or cut lines, {written.OtherPrograms:N0} lines of other programs"));
            Console.WriteLine();

            Measure("plain file", path, written);
            if (gzip)
            {
                clock.Restart();
                var gz = path + ".1.gz";
                using (var source = File.OpenRead(path))
                using (var target = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
                    source.CopyTo(target);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Compressed a copy ({new FileInfo(gz).Length / 1048576.0:N0} MiB) in {clock.Elapsed.TotalSeconds:0.0} s."));
                Measure("gzip file", gz, written);
            }
        }
        finally
        {
            if (!keep) Directory.Delete(folder, recursive: true);
            else Console.WriteLine($"Kept {folder}");
        }

        return Task.FromResult(0);
    }

    private static void Measure(string label, string path, MadeUpLog.Written expected)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var workingSetBefore = WorkingSet(process);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var heapSamples = new List<(long Records, long Heap, long WorkingSet)>();
        var log = new PostfixLog(new EvidenceOptions(), ClassicYear.StartingIn(MadeUpLog.Start.Year));
        var records = 0L;
        var nextSample = expected.Sessions / 10;

        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var _ in log.ReadFiles([path]))
        {
            // A look at memory ten times on the way: flat means the same at the end as near the start.
            if (++records == nextSample)
            {
                heapSamples.Add((records, GC.GetTotalMemory(forceFullCollection: false), WorkingSet(process)));
                nextSample += expected.Sessions / 10;
            }
        }

        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var counts = log.Counts;
        var perSecond = counts.LinesRead / elapsed.TotalSeconds;
        var projected = GoalLines / perSecond;
        Console.WriteLine($"{label}: {path}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  read {counts.LinesRead:N0} lines in {elapsed.TotalSeconds:0.00} s = {perSecond:N0} lines/s on one thread; {records:N0} records"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU time of the process meanwhile {cpu.TotalSeconds:0.00} s = {counts.LinesRead / cpu.TotalSeconds:N0} lines per CPU second (steadier than the wall clock on a shared machine)"));
        Console.WriteLine($"  {counts}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  goal: 10,000,000 lines in <= {GoalSeconds:0} s; at this rate {projected:0.0} s   {(projected <= GoalSeconds ? "goal met" : "goal NOT met")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  memory: working set {workingSetBefore / 1048576.0:0} MiB before, peak of the process {process.PeakWorkingSet64 / 1048576.0:0} MiB; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)counts.LinesRead:0.0} bytes per line; collections gen0 {GC.CollectionCount(0) - collections.Item1}, gen1 {GC.CollectionCount(1) - collections.Item2}, gen2 {GC.CollectionCount(2) - collections.Item3}"));
        Console.WriteLine("  managed heap / working set along the way (goal: flat, not growing with the lines read):");
        Console.WriteLine("    " + string.Join("  ", heapSamples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Heap / 1048576.0:0.0}/{s.WorkingSet / 1048576.0:0} MiB"))));
        var expectedRecords = expected.Records;
        Console.WriteLine("  records as made up: " + string.Join(", ", EvidenceKinds.All.Select(k =>
            $"{k.WireName()} {counts.Records(k):N0}/{expectedRecords[(int)k]:N0}")) + (EvidenceKinds.All.All(k => counts.Records(k) == expectedRecords[(int)k]) ? "  (all found)" : "  (DIFFERENT)"));
        Console.WriteLine();
    }

    private static long WorkingSet(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>A day of a busy member mail server, written line by line with a fixed seed.</summary>
    private static class MadeUpLog
    {
        public const int OpenSessions = 300;

        // Across a new year, so the classic stamps' year has to move on.
        public static readonly DateTime Start = new(2026, 12, 31, 23, 30, 0);

        public sealed record Written(long Lines, long Sessions, long Garbage, long OtherPrograms, long[] Records);

        public static Written Write(string path, long lines, bool iso)
        {
            var random = new Random(2026);
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
            var line = new StringBuilder(512);
            var bytes = new byte[4096];
            var sessions = new Session?[OpenSessions];
            var records = new long[EvidenceKinds.All.Count];
            var (written, started, garbage, other) = (0L, 0L, 0L, 0L);
            var time = Start;
            var nextQueueId = 0x1000000000L;
            var qmgr = 901;

            while (written < lines)
            {
                // About 2,000 lines a second of log time: a busy server, so a day is a few hundred million bytes.
                time = time.AddTicks(random.Next(1, 10_000));
                line.Clear();
                var roll = random.Next(1000);
                if (roll < 5)
                {
                    Garbage(line, random, time, iso);
                    garbage++;
                }
                else if (roll < 25)
                {
                    Stamp(line, time, iso).Append("mx1 dovecot: imap-login: Login: user=<member").Append(random.Next(100_000)).Append("@example.jp>, method=PLAIN, rip=198.51.100.").Append(random.Next(256)).Append(", lip=192.0.2.25, mpid=").Append(random.Next(99_999)).Append(", TLS");
                    other++;
                }
                else if (roll < 35)
                {
                    Stamp(line, time, iso).Append("mx1 postfix/anvil[900]: statistics: max connection rate 3/60s for (smtp:198.51.100.").Append(random.Next(256)).Append(") at Dec 31 23:29:00");
                }
                else
                {
                    var slot = random.Next(OpenSessions);
                    var session = sessions[slot] ??= Session.New(random, ref nextQueueId, ref started);
                    if (!session.Next(Stamp(line, time, iso), qmgr, random, records)) sessions[slot] = null;
                }

                line.Append('\n');
                var length = Encoding.UTF8.GetBytes(line.ToString(), bytes);
                file.Write(bytes, 0, length);
                written++;
            }

            // Sessions still open at the end: their messages' records come (or not) as the reader finishes them.
            foreach (var session in sessions) session?.CountUnfinished(records);
            return new Written(written, started, garbage, other, records);
        }

        private static StringBuilder Stamp(StringBuilder line, DateTime time, bool iso) => iso
            ? line.Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append("+09:00 ")
            : line.Append(time.ToString("MMM", CultureInfo.InvariantCulture)).Append(time.Day < 10 ? "  " : " ").Append(time.Day)
                .Append(time.ToString(" HH:mm:ss ", CultureInfo.InvariantCulture));

        private static void Garbage(StringBuilder line, Random random, DateTime time, bool iso)
        {
            switch (random.Next(3))
            {
                case 0:
                    Stamp(line, time, iso).Append("mx1 postfix/smtpd[").Append(random.Next(99_999)); // cut short
                    break;
                case 1:
                    for (var i = random.Next(5, 120); i > 0; i--) line.Append((char)random.Next(0x21, 0x7f));
                    break;
                default:
                    line.Append('\0', random.Next(1, 40)).Append("#011#011at java.lang.Thread.run");
                    break;
            }
        }

        /// <summary>One smtpd process's connection, a line at a time, with the lines other processes write about its message.</summary>
        private sealed class Session
        {
            private enum Kind { Port25, Port25Auth, Submission, Smtps, FailedAuth, Rejected }

            private readonly Kind _kind;
            private readonly string _syslogName;
            private readonly int _pid;
            private readonly string _client;
            private readonly string _member;
            private readonly string _queueId;
            private readonly bool _tls;
            private int _step;

            private Session(Kind kind, int pid, string client, string member, string queueId, bool tls)
            {
                _kind = kind;
                _syslogName = kind switch { Kind.Submission or Kind.FailedAuth => "postfix/submission", Kind.Smtps => "postfix/smtps", _ => "postfix" };
                _pid = pid;
                _client = client;
                _member = member;
                _queueId = queueId;
                _tls = tls;
            }

            public static Session New(Random random, ref long nextQueueId, ref long started)
            {
                started++;
                var roll = random.Next(100);
                var kind = roll switch { < 40 => Kind.Port25, < 45 => Kind.Port25Auth, < 75 => Kind.Submission, < 82 => Kind.Smtps, < 92 => Kind.FailedAuth, _ => Kind.Rejected };
                var address = $"198.51.100.{random.Next(1, 255)}";
                var client = random.Next(3) == 0 ? $"unknown[{address}]" : $"p{random.Next(1, 99_999)}-ipngn.example.ne.jp[{address}]";
                return new Session(kind, random.Next(1000, 99_999), client, $"member{random.Next(1, 200_000)}@example.jp",
                    (nextQueueId++).ToString("X10", CultureInfo.InvariantCulture), kind is not Kind.Port25 || random.Next(2) == 0);
            }

            /// <summary>Appends this session's next line; false when that was its last.</summary>
            public bool Next(StringBuilder stamped, int qmgr, Random random, long[] records)
            {
                var step = _step++;
                if (step == 1 && !_tls) step = _step++;
                var smtpd = $"mx1 {_syslogName}/smtpd[{_pid}]: ";
                if (step == 0)
                {
                    stamped.Append(smtpd).Append("connect from ").Append(_client);
                    return true;
                }

                if (step == 1)
                {
                    stamped.Append(smtpd).Append("Anonymous TLS connection established from ").Append(_client)
                        .Append(": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256");
                    return true;
                }

                if (_kind == Kind.FailedAuth)
                {
                    switch (step)
                    {
                        case 2:
                            stamped.Append(smtpd).Append("warning: ").Append(_client).Append(": SASL PLAIN authentication failed: authentication failure, sasl_username=").Append(_member);
                            records[(int)EvidenceKind.AuthFailed]++;
                            return true;
                        case 3:
                            stamped.Append(smtpd).Append("lost connection after AUTH from ").Append(_client);
                            return true;
                        default:
                            stamped.Append(smtpd).Append("disconnect from ").Append(_client).Append(" ehlo=2 starttls=1 auth=0/1 commands=3/4");
                            return false;
                    }
                }

                if (_kind == Kind.Rejected)
                {
                    if (step == 2)
                    {
                        stamped.Append(smtpd).Append("NOQUEUE: reject: RCPT from ").Append(_client).Append(": 554 5.7.1 <someone@example.org>: Relay access denied; from=<")
                            .Append(_member).Append("> to=<someone@example.org> proto=ESMTP helo=<pc>");
                        return true;
                    }

                    stamped.Append(smtpd).Append("disconnect from ").Append(_client).Append(" ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
                    return false;
                }

                switch (step)
                {
                    case 2:
                        stamped.Append(smtpd).Append(_queueId).Append(": client=").Append(_client);
                        if (SignedIn) stamped.Append(", sasl_method=PLAIN, sasl_username=").Append(_member);
                        return true;
                    case 3:
                        stamped.Append("mx1 postfix/cleanup[").Append(_pid + 7).Append("]: ").Append(_queueId).Append(": message-id=<").Append(_queueId).Append("@pc.example.ne.jp>");
                        return true;
                    case 4:
                        stamped.Append("mx1 postfix/qmgr[").Append(qmgr).Append("]: ").Append(_queueId).Append(": from=<").Append(_member).Append(">, size=").Append(random.Next(500, 90_000)).Append(", nrcpt=1 (queue active)");
                        records[(int)Recorded]++;
                        return true;
                    case 5:
                        stamped.Append("mx1 postfix/smtp[").Append(_pid + 9).Append("]: ").Append(_queueId).Append(": to=<friend@example.com>, relay=mx.example.com[203.0.113.5]:25, delay=0.9, delays=0.1/0.01/0.3/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4ZxY)");
                        return true;
                    case 6:
                        stamped.Append("mx1 postfix/qmgr[").Append(qmgr).Append("]: ").Append(_queueId).Append(": removed");
                        return true;
                    default:
                        stamped.Append(smtpd).Append("disconnect from ").Append(_client).Append(" ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8");
                        return false;
                }
            }

            /// <summary>Cut off by the end of the log after its queue-id line and before qmgr's: a signed-in message is still recorded at the end.</summary>
            public void CountUnfinished(long[] records)
            {
                if (SignedIn && _step is 3 or 4) records[(int)Recorded]++;
            }

            private bool SignedIn => _kind is Kind.Port25Auth or Kind.Submission or Kind.Smtps;

            private EvidenceKind Recorded => _kind switch
            {
                Kind.Port25 => EvidenceKind.Port25NoAuth,
                Kind.Port25Auth => EvidenceKind.Port25Auth,
                _ => EvidenceKind.SubmissionAuth,
            };
        }
    }
}
