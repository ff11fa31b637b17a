using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Members;

public sealed record StatusCount(MemberStatus Status, int Count);

/// <summary>A group of members (one program, one language): how many, how many moved (status probe passed or better).</summary>
public sealed record GroupCount(string Group, int Members, int Moved);

public sealed record MovedOnDay(DateOnly Day, int Moved);

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
        var byStatus = (await connection.QueryAsync<(int Status, int Count)>(new CommandDefinition(database.Query(Feature, "CountByStatus"), cancellationToken: cancellationToken)))
            .ToDictionary(r => (MemberStatus)r.Status, r => r.Count);
        var byProgram = await connection.QueryAsync<GroupRow>(new CommandDefinition(database.Query(Feature, "CountByProgram"), new { Moved = moved }, cancellationToken: cancellationToken));
        var byLanguage = await connection.QueryAsync<GroupRow>(new CommandDefinition(database.Query(Feature, "CountByLanguage"), new { Moved = moved }, cancellationToken: cancellationToken));
        var perHour = await connection.QueryAsync<(string Hour, int Moved)>(new CommandDefinition(database.Query(Feature, "MovedPerHour"), cancellationToken: cancellationToken));

        var perDay = perHour
            .Select(h => (At: DateTimeOffset.ParseExact(h.Hour, "yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal), h.Moved))
            .GroupBy(h => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(h.At, timeZone).DateTime))
            .Select(g => new MovedOnDay(g.Key, g.Sum(h => h.Moved))).OrderBy(d => d.Day).ToList();
        return new DashboardFigures(
            byStatus.Values.Sum(),
            Enum.GetValues<MemberStatus>().Select(s => new StatusCount(s, byStatus.GetValueOrDefault(s))).ToList(),
            byProgram.Select(r => new GroupCount(r.Grp ?? "", r.Members, r.Moved)).ToList(),
            byLanguage.Select(r => new GroupCount(r.Grp ?? "", r.Members, r.Moved)).ToList(),
            perDay);
    }

    /// <summary>Every member with their status, in account order, for the CSV export; streamed, not held in memory.</summary>
    public async IAsyncEnumerable<Member> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(database.Query(Feature, "AllMembers"), cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<MemberRecord>();
        while (await reader.ReadAsync(cancellationToken)) yield return parse(reader).ToMember();
    }

    private sealed class GroupRow
    {
        public string? Grp { get; init; }
        public int Members { get; init; }
        public int Moved { get; init; }
    }
}
