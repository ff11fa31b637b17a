using Microsoft.Extensions.Options;

namespace Portal.Core.Evidence;

/// <summary>One log to import: a file, or a stream such as standard input.</summary>
public sealed record EvidenceInput(string Name, Func<Stream> Open, bool LeaveOpen)
{
    public static EvidenceInput File(string path) => new(path, () => PostfixLogFiles.Open(path), LeaveOpen: false);

    public static EvidenceInput FromStream(string name, Stream stream) => new(name, () => stream, LeaveOpen: true);
}

/// <summary>How far one file was read: its lines now, and how many of them had been counted before.</summary>
public sealed record EvidenceFileRead(string Name, long Lines, long CountedBefore);

/// <summary>What an import read and counted.</summary>
public sealed class EvidenceImportReport
{
    private readonly HashSet<long>[] _members = EvidenceKinds.All.Select(_ => new HashSet<long>()).ToArray();

    internal EvidenceImportReport(EvidenceCounts log) => Log = log;

    public List<EvidenceFileRead> Files { get; } = [];

    /// <summary>The reader's own counts: every line and record read, counted now or before.</summary>
    public EvidenceCounts Log { get; }

    /// <summary>Records counted now, per kind (<see cref="EvidenceKind"/> as index).</summary>
    public long[] Counted { get; } = new long[EvidenceKinds.All.Count];

    /// <summary>Of those, the records that named no member.</summary>
    public long[] Unmatched { get; } = new long[EvidenceKinds.All.Count];

    /// <summary>Records of lines counted by an earlier import: read again (for what they open), not counted.</summary>
    public long CountedBefore { get; internal set; }

    /// <summary>Records of days older than <c>Evidence:KeepDays</c>: not counted.</summary>
    public long TooOld { get; internal set; }

    /// <summary>
    /// Records the end of the log left waiting for their sender line: not counted now. Once the log goes on (the file
    /// grows, or the next file of the rotation is read after it) a later import counts them.
    /// </summary>
    public long LeftWaiting { get; internal set; }

    /// <summary>Files whose gzip data was damaged: read up to the damage.</summary>
    public int CompressedDamaged { get; internal set; }

    /// <summary>Why the import stopped before the end (another import counted the same file at the same time); null when it did not.</summary>
    public string? Stopped { get; internal set; }

    /// <summary>Members seen now, per kind.</summary>
    public int MembersSeen(EvidenceKind kind) => _members[(int)kind].Count;

    internal void Add(EvidenceWritten written)
    {
        for (var k = 0; k < Counted.Length; k++)
        {
            Counted[k] += written.Records[k];
            Unmatched[k] += written.Unmatched[k];
        }

        foreach (var (kind, member) in written.Members) _members[(int)kind].Add(member);
    }
}

/// <summary>
/// Imports logs into the <see cref="EvidenceStore"/>, as often as one likes: each file is known by its fingerprint and
/// how many of its lines were counted, so that importing it again, or as maillog.1 or maillog.2.gz after it rotated,
/// counts only lines it did not count before. Every line is still read, in the order given (oldest first), so that a
/// message logged across lines already counted and new ones is still put together; only records made at a line after
/// the counted ones are counted. A chunk of <c>Evidence:FlushLines</c> lines is one transaction with the file's new
/// line count: a crash or a stop loses at most the chunk under way, and the next import counts it.
/// </summary>
public sealed class EvidenceImport(EvidenceStore store, IOptions<EvidenceOptions> options)
{
    public async Task<EvidenceImportReport> ImportAsync(IReadOnlyList<EvidenceInput> oldestFirst, ClassicYear year, CancellationToken cancellationToken)
    {
        var log = new PostfixLog(options.Value, year);
        var report = new EvidenceImportReport(log.Counts);
        var tally = store.NewTally();
        foreach (var input in oldestFirst)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var opened = FingerprintedLog.Open(input.Open(), input.LeaveOpen);
            if (opened.PrefixBytes == 0)
            {
                report.Files.Add(new EvidenceFileRead(input.Name, 0, 0));
                continue;
            }

            var source = await store.KnownFileAsync(opened, input.Name, cancellationToken);
            var countedBefore = source.LinesRead;
            var rowKey = source.SourceKey;
            var countedUpTo = countedBefore;

            async Task<bool> WriteAsync(long upTo)
            {
                var advance = new FileAdvance(rowKey, opened.Fingerprint, opened.PrefixBytes, input.Name, countedUpTo, upTo);
                if (await store.WriteAsync(tally, advance, cancellationToken) is not { } written)
                {
                    report.Stopped = $"{input.Name}: another import counted it at the same time; stopped here, nothing of the chunk under way was counted";
                    return false;
                }

                report.Add(written);
                tally.Clear();
                (rowKey, countedUpTo) = (opened.Fingerprint, upTo);
                return true;
            }

            var start = log.Counts.LinesRead;
            foreach (var record in log.ReadPart(opened.Lines))
            {
                var line = log.Counts.LinesRead - start;
                if (line <= countedBefore)
                {
                    report.CountedBefore++;
                    continue;
                }

                // Every record of the lines before this one has been seen: they make a chunk.
                if (line - 1 - countedUpTo >= options.Value.FlushLines && !await WriteAsync(line - 1)) return report;
                if (!tally.Add(record)) report.TooOld++;
            }

            var lines = log.Counts.LinesRead - start;
            if (!await WriteAsync(Math.Max(lines, countedBefore))) return report;
            if (opened.CompressedDamaged) report.CompressedDamaged++;
            report.Files.Add(new EvidenceFileRead(input.Name, lines, countedBefore));
        }

        report.LeftWaiting = log.Finish().Count;
        return report;
    }
}
