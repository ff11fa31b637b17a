using System.Data.Common;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Core.Evidence;

/// <summary>How following a log ended.</summary>
public enum FollowEnd
{
    /// <summary>The input ended (the pipe closed): everything read was counted, the log given back.</summary>
    InputEnded,

    /// <summary>Told to stop (SIGTERM, Ctrl+C): everything read was counted, the log given back.</summary>
    Stopped,

    /// <summary>Another process follows this log (its lease has not run out): nothing was read or counted.</summary>
    HeldElsewhere,

    /// <summary>Another process took the log over (this one could not renew its lease in time): what was read since the last write was not counted.</summary>
    LeaseLost,
}

/// <summary>What a follower read and counted.</summary>
public sealed class EvidenceFollowReport
{
    public FollowEnd End { get; internal set; }

    /// <summary>The log's row as the follower found it (with the holder's lease when <see cref="FollowEnd.HeldElsewhere"/>).</summary>
    public EvidenceSource? Source { get; internal set; }

    public long Lines { get; internal set; }

    /// <summary>Records counted, per kind (<see cref="EvidenceKind"/> as index).</summary>
    public long[] Counted { get; } = new long[EvidenceKinds.All.Count];

    /// <summary>Of those, the records that named no member.</summary>
    public long[] Unmatched { get; } = new long[EvidenceKinds.All.Count];

    /// <summary>Records at or before the stored cursor when the follower started: the input replayed them, they had been counted.</summary>
    public long Replayed { get; internal set; }

    /// <summary>Records of days older than <c>Evidence:KeepDays</c>: not counted.</summary>
    public long TooOld { get; internal set; }

    /// <summary>Writes to the database (each one transaction, each renewing the lease).</summary>
    public int Writes { get; internal set; }

    internal void Add(EvidenceWritten written)
    {
        for (var k = 0; k < Counted.Length; k++)
        {
            Counted[k] += written.Records[k];
            Unmatched[k] += written.Unmatched[k];
        }
    }
}

/// <summary>
/// Follows an endless log (standard input fed by <c>tail -F</c> or <c>journalctl -f</c>) under a lease in the database,
/// as campaign sends are: one process per log name counts at a time; a second one is told who holds it and stops. What
/// was read is written every <c>Evidence:FlushLines</c> lines or <c>Evidence:FlushSeconds</c> seconds, whichever comes
/// first, in one transaction that also renews the lease and moves the log's cursor: the time of the latest record
/// counted and how many records of that time were counted. After a restart the pipe replays lines already seen (tail's
/// last lines, journalctl's); their records, up to the cursor, are not counted again. A record made after the restart
/// whose time is older than the cursor, before any newer one, is taken for a replayed one: a restart can miss such a
/// record (a message begun before the last record counted and finished after it), never count one twice.
/// </summary>
public sealed class EvidenceFollower(EvidenceStore store, IOptions<EvidenceOptions> options, TimeProvider time, ILogger<EvidenceFollower> logger)
{
    /// <summary>How long a follower holds its log without a write; each write renews it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Follows <paramref name="input"/> as the log <paramref name="name"/> until it ends or <paramref name="cancellationToken"/> says stop.</summary>
    public async Task<EvidenceFollowReport> FollowAsync(Stream input, string name, ClassicYear year, CancellationToken cancellationToken)
    {
        var report = new EvidenceFollowReport();
        var key = EvidenceSource.FollowPrefix + name;
        var owner = Owner();
        var claim = await store.ClaimFollowAsync(key, name, owner, time.GetUtcNow() + Lease, cancellationToken);
        report.Source = claim.Source;
        if (!claim.Claimed)
        {
            report.End = FollowEnd.HeldElsewhere;
            return report;
        }

        var log = new PostfixLog(options.Value, year);
        var tally = store.NewTally();
        var (cursorAt, cursorCount) = (claim.Source.CursorAt, claim.Source.CursorCount);
        var replaying = cursorAt is not null;
        var seenAtCursor = 0;
        long linesWritten = 0;
        var nextWrite = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.FlushSeconds);
        var records = Channel.CreateBounded<(MailEvidence Record, long Line)>(new BoundedChannelOptions(10_000) { SingleReader = true, SingleWriter = true });
        using var stopReading = new CancellationTokenSource();
        var reading = Task.Factory.StartNew(() => Read(log, input, records.Writer, stopReading.Token), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

        void Take(MailEvidence record)
        {
            if (replaying)
            {
                if (record.Time < cursorAt || (record.Time == cursorAt && seenAtCursor < cursorCount))
                {
                    if (record.Time == cursorAt) seenAtCursor++;
                    report.Replayed++;
                    return;
                }

                replaying = false;
            }

            if (!tally.Add(record))
            {
                report.TooOld++;
                return;
            }

            if (cursorAt is null || record.Time > cursorAt) (cursorAt, cursorCount) = (record.Time, 1);
            else if (record.Time == cursorAt) cursorCount++;
        }

        // False when the lease was lost. A database that cannot be reached keeps the tally for the next write, but the
        // last write must be made or fail: nothing comes after it (a restart's replay counts what it did not write).
        async Task<bool> WriteAsync(long linesNow, CancellationToken token, bool last = false)
        {
            nextWrite = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.FlushSeconds);
            EvidenceWritten? written;
            try
            {
                written = await store.WriteAsync(tally, new FollowAdvance(key, owner, linesNow - linesWritten, cursorAt, cursorCount, time.GetUtcNow() + Lease), token);
            }
            catch (DbException e) when (!last)
            {
                logger.LogWarning(e, "Evidence: could not write what was read from {Log}; trying again in {Seconds} s: {Reason}", name, options.Value.FlushSeconds, e.Message);
                return true;
            }

            if (written is null) return false;
            report.Add(written);
            report.Writes++;
            report.Lines = linesWritten = linesNow;
            tally.Clear();
            return true;
        }

        try
        {
            Task<bool>? more = null;
            while (true)
            {
                while (records.Reader.TryRead(out var item))
                {
                    Take(item.Record);
                    if (item.Line - linesWritten >= options.Value.FlushLines && !await WriteAsync(item.Line, cancellationToken))
                        return LeaseLost(report);
                }

                if (records.Reader.Completion.IsCompleted) break;
                more ??= records.Reader.WaitToReadAsync(cancellationToken).AsTask();
                var due = nextWrite - time.GetUtcNow();
                if (due > TimeSpan.Zero)
                {
                    using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var delay = Task.Delay(due, time, wake.Token);
                    await Task.WhenAny(more, delay);
                    await wake.CancelAsync();
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (more.IsCompleted)
                {
                    // Surfaces a failed read; false: the input ended and every record has been taken.
                    if (!await more) break;
                    more = null;
                }

                if (time.GetUtcNow() >= nextWrite && !await WriteAsync(log.Counts.LinesRead, cancellationToken)) return LeaseLost(report);
            }

            await reading;
            report.End = FollowEnd.InputEnded;
            if (!await WriteAsync(log.Counts.LinesRead, cancellationToken, last: true)) return LeaseLost(report);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what was read is counted, and the log given back for another process to go on at once.
            report.End = FollowEnd.Stopped;
            await stopReading.CancelAsync();
            while (records.Reader.TryRead(out var item)) Take(item.Record);
            if (!await WriteAsync(log.Counts.LinesRead, CancellationToken.None, last: true)) return LeaseLost(report);
        }
        finally
        {
            await stopReading.CancelAsync();

            // Also after a failure (the input could not be read): another process need not wait for the lease to run
            // out. A lease lost is not ours to give back, and this changes nothing then.
            try
            {
                await store.ReleaseFollowAsync(key, owner, CancellationToken.None);
            }
            catch (DbException e)
            {
                logger.LogWarning(e, "Evidence: could not give {Log} back; another follower can take it in {Minutes} minutes: {Reason}", name, Lease.TotalMinutes, e.Message);
            }
        }

        return report;
    }

    private static EvidenceFollowReport LeaseLost(EvidenceFollowReport report)
    {
        report.End = FollowEnd.LeaseLost;
        return report;
    }

    /// <summary>Who holds a followed log, as an operator reads it: host, process and a random part (a restarted process is another holder).</summary>
    private static string Owner()
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        return owner.Length <= 64 ? owner : owner[^64..];
    }

    /// <summary>Runs on its own thread: reading a pipe blocks, and the writes must go on meanwhile.</summary>
    private static void Read(PostfixLog log, Stream input, ChannelWriter<(MailEvidence, long)> records, CancellationToken stop)
    {
        try
        {
            foreach (var record in log.ReadPart(new CompleteLinesStream(new LogLineReader.HeadThenRest([], input, leaveOpen: true))))
            {
                var item = (record, log.Counts.LinesRead);
                while (!records.TryWrite(item))
                {
                    if (!records.WaitToWriteAsync(stop).AsTask().GetAwaiter().GetResult()) return;
                }
            }

            records.TryComplete();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            records.TryComplete();
        }
        catch (Exception e)
        {
            records.TryComplete(e);
        }
    }
}
