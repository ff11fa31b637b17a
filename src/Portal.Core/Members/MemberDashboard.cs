using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Members;

public sealed record StatusCount(MemberStatus Status, int Count);

/// <summary>A group of members (one program, one language): how many, how many moved (status probe passed or better).</summary>
public sealed record GroupCount(string Group, int Members, int Moved);

public sealed record MovedOnDay(DateOnly Day, int Moved);

/// <summary>A member as exported: their row, the last message the log shows on port 25 and the first on 587/465 with SMTP-AUTH.</summary>
public sealed record ExportedMember(Member Member, DateTimeOffset? LastPort25, DateTimeOffset? FirstSubmission);

public sealed record DashboardFigures(int Members, IReadOnlyList<StatusCount> ByStatus, IReadOnlyList<GroupCount> ByProgram, IReadOnlyList<GroupCount> ByLanguage, IReadOnlyList<MovedOnDay> MovedPerDay);

/// <summary>Progress against the block date, counted in the database (every node sees the same figures).</summary>
public sealed class MemberDashboard(PortalDatabase database)
{
    private const string Feature = "Members";

    /// <param name="timeZone">Days are counted in the ISP's time zone.</param>
    public async Task<DashboardFigures> FiguresAsync(TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var moved = (int)MemberStatus.ProbePassed;
        await using var connection = await database.OpenAsync(cancellationToken);
        var groups = (await connection.QueryAsync<GroupRow>(new CommandDefinition(database.Query(Feature, "CountByGroup"), cancellationToken: cancellationToken))).ToList();
        var byStatus = groups.GroupBy(g => (MemberStatus)g.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        List<GroupCount> By(Func<GroupRow, string?> key, bool largestFirst)
        {
            var counts = groups.GroupBy(g => key(g) ?? "").Select(g => new GroupCount(g.Key, g.Sum(r => r.Count), g.Where(r => r.Status >= moved).Sum(r => r.Count)));
            return (largestFirst ? counts.OrderByDescending(c => c.Members).ThenBy(c => c.Group, StringComparer.Ordinal) : counts.OrderBy(c => c.Group, StringComparer.Ordinal)).ToList();
        }

        var perHour = await connection.QueryAsync<(string Hour, int Moved)>(new CommandDefinition(database.Query(Feature, "MovedPerHour"), cancellationToken: cancellationToken));

        var perDay = perHour
            .Select(h => (At: DateTimeOffset.ParseExact(h.Hour, "yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal), h.Moved))
            .GroupBy(h => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(h.At, timeZone).DateTime))
            .Select(g => new MovedOnDay(g.Key, g.Sum(h => h.Moved))).OrderBy(d => d.Day).ToList();
        return new DashboardFigures(
            byStatus.Values.Sum(),
            Enum.GetValues<MemberStatus>().Select(s => new StatusCount(s, byStatus.GetValueOrDefault(s))).ToList(),
            By(g => g.Program, largestFirst: true),
            By(g => g.Language, largestFirst: false),
            perDay);
    }

    /// <summary>Every member with their status and the log's last word on them, in account order, for the CSV export; streamed, not held in memory.</summary>
    public async IAsyncEnumerable<ExportedMember> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(database.Query(Feature, "AllMembers"), cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<ExportRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = parse(reader);
            yield return new ExportedMember(row.ToMember(), row.LastPort25, row.FirstSubmission);
        }
    }

    private sealed class ExportRecord : MemberRecord
    {
        public DateTimeOffset? LastPort25 { get; init; }
        public DateTimeOffset? FirstSubmission { get; init; }
    }

    private sealed class GroupRow
    {
        public string? Program { get; init; }
        public string Language { get; init; } = "";
        public int Status { get; init; }
        public int Count { get; init; }
    }
}
