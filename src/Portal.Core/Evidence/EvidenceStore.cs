using System.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Core.Evidence;

/// <summary>A log the store has read from: a file by its fingerprint, or a followed log by its name.</summary>
public sealed record EvidenceSource(
    string SourceKey, int PrefixBytes, string Name, long LinesRead, DateTimeOffset? CursorAt, int CursorCount, string? LeaseOwner,
    DateTimeOffset? LeaseUntil, DateTimeOffset UpdatedAt)
{
    public const string FollowPrefix = "follow:";
}

/// <summary>How far a write takes its source, checked in the write's own transaction.</summary>
public abstract record SourceAdvance;

/// <summary>
/// A file read up to <paramref name="LinesRead"/>, if it is still counted up to <paramref name="Expected"/> (no other
/// import moved it meanwhile). <paramref name="RowKey"/> is its row's key now, <paramref name="Key"/> the fingerprint it
/// takes (the same, unless the file was known while shorter).
/// </summary>
public sealed record FileAdvance(string RowKey, string Key, int PrefixBytes, string Name, long Expected, long LinesRead) : SourceAdvance;

/// <summary>A followed log, while <paramref name="Owner"/> holds it: lines added, the cursor after the records counted, the lease renewed.</summary>
public sealed record FollowAdvance(string Key, string Owner, long Lines, DateTimeOffset? CursorAt, int CursorCount, DateTimeOffset Until) : SourceAdvance;

/// <summary>What one write added: records per kind, the members they named, and those that named nobody.</summary>
public sealed class EvidenceWritten
{
    internal EvidenceWritten()
    {
    }

    public long[] Records { get; } = new long[EvidenceKinds.All.Count];

    public long[] Unmatched { get; } = new long[EvidenceKinds.All.Count];

    public List<(EvidenceKind Kind, long MemberId)> Members { get; } = [];
}

/// <summary>One member's evidence of one kind over the days kept.</summary>
public sealed record EvidenceSummary(EvidenceKind Kind, long Count, DateTimeOffset FirstAt, DateTimeOffset LastAt);

/// <summary>Whether a follower got the log, and who holds it if not.</summary>
/// <summary>One day of the log: members seen on a submission service with SMTP-AUTH, and on port 25.</summary>
public sealed record EvidenceDay(DateOnly Day, int Submission, int Port25);

/// <summary>One mail program's members in the log: seen on submission, still on port 25 (last MovedAfterDays), moved by the log.</summary>
public sealed record EvidenceProgram(string Program, int Submission, int Port25, int Moved);

public sealed record EvidenceFigures(IReadOnlyList<EvidenceDay> PerDay, IReadOnlyList<EvidenceProgram> ByProgram, int MovedAfterDays)
{
    public int Moved => ByProgram.Sum(p => p.Moved);

    public int Port25 => ByProgram.Sum(p => p.Port25);
}

public sealed record FollowClaim(bool Claimed, EvidenceSource Source);

/// <summary>
/// Evidence in the database: per member, kind and day counts with first and last times (<c>MemberEvidence</c>), the
/// counts that named nobody (<c>UnmatchedEvidence</c>), and what has been read (<c>EvidenceSources</c>). A chunk of log
/// is one transaction: its source moves on, its names are looked up in a batch, and its counts are added, all or none,
/// so a crash never counts a line twice.
/// </summary>
public sealed class EvidenceStore(
    PortalDatabase database, IOptions<EvidenceOptions> evidence, IOptions<IspOptions> isp, IOptions<ScheduleOptions> schedule, TimeProvider time)
    : IHousekeepingSweep
{
    private const string Feature = "Evidence";

    /// <summary>Rows per statement of a write: a chunk of 100,000 lines seldom has more names.</summary>
    private const int Batch = 5000;

    private static readonly BatchRows<(string? Name, EvidenceMatch Match)> NameRows = new("dbo.EvidenceNames",
        new("Name", typeof(string), r => r.Name), new("MatchBy", typeof(int), r => (int)r.Match));

    private static readonly BatchRows<MemberRow> MemberRows = new("dbo.MemberEvidenceRows",
        new("MemberId", typeof(long), r => r.MemberId), new("Kind", typeof(string), r => r.Kind.WireName()), new("Day", typeof(DateOnly), r => r.Day),
        new("Count", typeof(long), r => r.Count), new("FirstAt", typeof(DateTimeOffset), r => r.FirstAt), new("LastAt", typeof(DateTimeOffset), r => r.LastAt));

    private static readonly BatchRows<UnmatchedRow> UnmatchedRows = new("dbo.UnmatchedEvidenceRows",
        new("Kind", typeof(string), r => r.Kind.WireName()), new("Day", typeof(DateOnly), r => r.Day), new("Count", typeof(long), r => r.Count));

    /// <summary>The oldest day kept today: <c>Evidence:KeepDays</c> days up to and including today, in <c>Schedule:TimeZone</c>.</summary>
    public DateOnly OldestDayKept() => schedule.Value.Today(time).AddDays(1 - evidence.Value.KeepDays);

    /// <summary>
    /// The dashboard's figures from the log: per day (the last <paramref name="days"/>), members seen on a submission
    /// service and on port 25; per program, members seen on each and moved by the log (submission, and no port 25 for
    /// <c>Evidence:MovedAfterDays</c>).
    /// </summary>
    public async Task<EvidenceFigures> FiguresAsync(int days, CancellationToken cancellationToken)
    {
        var today = schedule.Value.Today(time);
        await using var connection = await database.OpenAsync(cancellationToken);
        var perDay = await connection.QueryAsync<DayRow>(new CommandDefinition(database.Query(Feature, "EvidencePerDay"),
            new { Since = today.AddDays(1 - days) }, cancellationToken: cancellationToken));
        var byProgram = await connection.QueryAsync<ProgramRow>(new CommandDefinition(database.Query(Feature, "EvidenceByProgram"),
            new { Port25Since = today.AddDays(1 - evidence.Value.MovedAfterDays) }, cancellationToken: cancellationToken));
        return new EvidenceFigures(
            perDay.Select(d => new EvidenceDay(d.Day, d.Submission, d.Port25)).ToList(),
            byProgram.Select(p => new EvidenceProgram(p.Program ?? "", p.Submission, p.Port25, p.Moved)).OrderByDescending(p => p.Port25).ThenBy(p => p.Program, StringComparer.Ordinal).ToList(),
            evidence.Value.MovedAfterDays);
    }

    private sealed class DayRow
    {
        public DateOnly Day { get; init; }
        public int Submission { get; init; }
        public int Port25 { get; init; }
    }

    private sealed class ProgramRow
    {
        public string? Program { get; init; }
        public int Submission { get; init; }
        public int Port25 { get; init; }
        public int Moved { get; init; }
    }

    /// <summary>An empty tally by the ISP's user-name rule and day, counting nothing older than the days kept.</summary>
    public EvidenceTally NewTally() =>
        new(isp.Value.UserNameFormat, TimeZoneInfo.FindSystemTimeZoneById(schedule.Value.TimeZone), OldestDayKept());

    public async Task<EvidenceSource?> FindSourceAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(database.Query(Feature, "FindSource"), new { Key = key },
            cancellationToken: cancellationToken)))?.ToSource();
    }

    /// <summary>
    /// The row of a file: by its fingerprint; else a file known while it was shorter whose fingerprint is this file's
    /// first bytes (the longest such); else a new row with nothing counted.
    /// </summary>
    public async Task<EvidenceSource> KnownFileAsync(FingerprintedLog log, string name, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(log.PrefixBytes);
        await using var connection = await database.OpenAsync(cancellationToken);
        var exact = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(database.Query(Feature, "FindSource"),
            new { Key = log.Fingerprint }, cancellationToken: cancellationToken));
        if (exact is not null) return exact.ToSource();

        var shorter = await connection.QueryAsync<SourceRow>(new CommandDefinition(database.Query(Feature, "ShorterSources"),
            new { log.PrefixBytes }, cancellationToken: cancellationToken));
        foreach (var candidate in shorter)
        {
            if (string.Equals(log.FingerprintOf((int)candidate.PrefixBytes), candidate.SourceKey, StringComparison.Ordinal)) return candidate.ToSource();
        }

        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "EnsureSource"),
            new { Key = log.Fingerprint, log.PrefixBytes, Name = Shorten(name), Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return (await connection.QuerySingleAsync<SourceRow>(new CommandDefinition(database.Query(Feature, "FindSource"), new { Key = log.Fingerprint },
            cancellationToken: cancellationToken))).ToSource();
    }

    /// <summary>
    /// Takes a followed log (<see cref="EvidenceSource.FollowPrefix"/> + name) until <paramref name="until"/>, unless
    /// another holds a lease on it that has not run out. Either way, the log's row as it is now.
    /// </summary>
    public async Task<FollowClaim> ClaimFollowAsync(string key, string name, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "EnsureSource"),
            new { Key = key, PrefixBytes = 0, Name = Shorten(name), Now = now }, cancellationToken: cancellationToken));
        var claimed = await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "ClaimFollow"),
            new { Key = key, Owner = owner, Until = until, Now = now }, cancellationToken: cancellationToken)) == 1;
        var source = (await connection.QuerySingleAsync<SourceRow>(new CommandDefinition(database.Query(Feature, "FindSource"), new { Key = key },
            cancellationToken: cancellationToken))).ToSource();
        return new FollowClaim(claimed, source);
    }

    /// <summary>Gives a followed log back, if this owner still holds it.</summary>
    public async Task ReleaseFollowAsync(string key, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "ReleaseFollow"), new { Key = key, Owner = owner },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// In one transaction: moves the source on (only if it is where the caller read it from: another import or follower
    /// that moved it meanwhile makes this write change nothing and return null), looks up the tally's names, and adds
    /// its counts per member and those that matched nobody.
    /// </summary>
    public async Task<EvidenceWritten?> WriteAsync(EvidenceTally tally, SourceAdvance advance, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = advance switch
        {
            FileAdvance f => await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "AdvanceSource"), new
            {
                f.RowKey, f.Key, f.PrefixBytes, Name = Shorten(f.Name), f.Expected, f.LinesRead, Now = now,
            }, transaction, cancellationToken: cancellationToken)),
            FollowAdvance f => await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "AdvanceFollow"), new
            {
                f.Key, f.Owner, f.Lines, f.CursorAt, f.CursorCount, f.Until, Now = now,
            }, transaction, cancellationToken: cancellationToken)),
            _ => throw new ArgumentOutOfRangeException(nameof(advance)),
        };
        if (moved != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var written = new EvidenceWritten();
        var lines = tally.Lines.ToList();
        var names = lines.Where(l => l.Name is not null).Select(l => (l.Name, l.Match)).Distinct().ToList();
        var members = new Dictionary<(string? Name, EvidenceMatch Match), long?>(names.Count);
        foreach (var chunk in names.Chunk(Batch))
        {
            var found = await connection.QueryAsync<NameFound>(new CommandDefinition(database.Query(Feature, "ResolveEvidenceNames"),
                new { Rows = NameRows.Parameter(database.Provider, chunk) }, transaction, cancellationToken: cancellationToken));
            foreach (var row in found) members[chunk[(int)row.Line]] = row.MemberId;
        }

        var perMember = new Dictionary<(long MemberId, EvidenceKind Kind, DateOnly Day), MemberRow>();
        var unmatched = new Dictionary<(EvidenceKind Kind, DateOnly Day), UnmatchedRow>();
        foreach (var line in lines)
        {
            written.Records[(int)line.Kind] += line.Count;
            if (line.Name is not null && members.GetValueOrDefault((line.Name, line.Match)) is { } memberId)
            {
                if (perMember.TryGetValue((memberId, line.Kind, line.Day), out var row))
                {
                    row.Count += line.Count;
                    if (line.FirstAt < row.FirstAt) row.FirstAt = line.FirstAt;
                    if (line.LastAt > row.LastAt) row.LastAt = line.LastAt;
                }
                else
                {
                    perMember[(memberId, line.Kind, line.Day)] = new MemberRow(memberId, line.Kind, line.Day) { Count = line.Count, FirstAt = line.FirstAt, LastAt = line.LastAt };
                    written.Members.Add((line.Kind, memberId));
                }
            }
            else
            {
                written.Unmatched[(int)line.Kind] += line.Count;
                if (unmatched.TryGetValue((line.Kind, line.Day), out var row)) row.Count += line.Count;
                else unmatched[(line.Kind, line.Day)] = new UnmatchedRow(line.Kind, line.Day) { Count = line.Count };
            }
        }

        foreach (var chunk in perMember.Values.Chunk(Batch))
        {
            await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "AddMemberEvidence"),
                new { Rows = MemberRows.Parameter(database.Provider, chunk) }, transaction, cancellationToken: cancellationToken));
        }

        if (unmatched.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "AddUnmatchedEvidence"),
                new { Rows = UnmatchedRows.Parameter(database.Provider, unmatched.Values.ToList()) }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>One member's evidence per kind over the days kept (kinds never seen are left out).</summary>
    public async Task<IReadOnlyList<EvidenceSummary>> SummaryAsync(long memberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(database.Query(Feature, "MemberEvidenceSummary"), new { MemberId = memberId },
            cancellationToken: cancellationToken));
        return rows.Select(r => (Row: r, Known: EvidenceKinds.TryParseWireName(r.Kind, out var kind), Kind: kind))
            .Where(r => r.Known)
            .Select(r => new EvidenceSummary(r.Kind, r.Row.Count, r.Row.FirstAt, r.Row.LastAt))
            .OrderBy(s => s.Kind)
            .ToList();
    }

    /// <summary>Erases the days older than <c>Evidence:KeepDays</c>, and the sources nothing kept can come from any more.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "DeleteOldEvidence"), new
        {
            Before = OldestDayKept(), SourcesBefore = now.AddDays(-(evidence.Value.KeepDays + 2)), Now = now,
        }, cancellationToken: cancellationToken));
    }

    private static string Shorten(string name) => name.Length > 400 ? name[..400] : name;

    private sealed class SourceRow
    {
        public string SourceKey { get; init; } = "";
        public long PrefixBytes { get; init; }
        public string Name { get; init; } = "";
        public long LinesRead { get; init; }
        public DateTimeOffset? CursorAt { get; init; }
        public long CursorCount { get; init; }
        public string? LeaseOwner { get; init; }
        public DateTimeOffset? LeaseUntil { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public EvidenceSource ToSource() =>
            new(SourceKey, (int)PrefixBytes, Name, LinesRead, CursorAt, (int)CursorCount, LeaseOwner, LeaseUntil, UpdatedAt);
    }

    private sealed class NameFound
    {
        public long Line { get; init; }
        public long? MemberId { get; init; }
    }

    private sealed class SummaryRow
    {
        public string Kind { get; init; } = "";
        public long Count { get; init; }
        public DateTimeOffset FirstAt { get; init; }
        public DateTimeOffset LastAt { get; init; }
    }

    private sealed record MemberRow(long MemberId, EvidenceKind Kind, DateOnly Day)
    {
        public long Count { get; set; }
        public DateTimeOffset FirstAt { get; set; }
        public DateTimeOffset LastAt { get; set; }
    }

    private sealed record UnmatchedRow(EvidenceKind Kind, DateOnly Day)
    {
        public long Count { get; set; }
    }
}
