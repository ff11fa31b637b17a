using System.Data;
using Dapper;
using Portal.Core.Data;
using Portal.Core.DataProtection;

namespace Portal.Core.Guides;

/// <summary>A member's "my screen looks different" on one step of a guide, as staff read it.</summary>
public sealed record ScreenReport(string Guide, string Step, string Language, string? ProgramVersion, string? WhatTheySee, DateTimeOffset CreatedAt);

/// <summary>How many reports one step has had, most reported first.</summary>
public sealed record ScreenReportCount(string Guide, string Step, int Reports, int Japanese, DateTimeOffset Latest);

public abstract record ScreenReportOutcome
{
    public sealed record Recorded : ScreenReportOutcome;

    /// <summary>What was sent does not fit: <see cref="TextKey"/> names the message for the member.</summary>
    public sealed record Invalid(string TextKey) : ScreenReportOutcome;

    public sealed record TooMany(DateTimeOffset RetryAt) : ScreenReportOutcome;
}

/// <summary>
/// "My screen looks different": one click on a guide's step says the member's program does not look as the guide
/// says, optionally with what they see and their program's version. Kept for staff, per guide and step; limited per
/// client address (counted by a one-way key, and nothing else about the member is kept unless they type it).
/// </summary>
public sealed class ScreenReports(PortalDatabase database, GuideLibrary guides, OneWayKeys keys, TimeProvider time)
{
    private const string Feature = "Guides";

    public const int MaxWhatTheySee = 500;
    public const int MaxProgramVersion = 64;

    // A member with a real problem reports a few steps; more than this from one address in an hour is not that.
    public const int PerClientIpPerHour = 10;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task<ScreenReportOutcome> RecordAsync(string guide, string step, string language, string? programVersion, string? whatTheySee,
        string clientIp, CancellationToken cancellationToken)
    {
        if (guides.Find(guide, language) is not { } found || found.Steps.All(s => s.Id != step)) return new ScreenReportOutcome.Invalid("ScreenDiffers.Error.Step");
        whatTheySee = Clean(whatTheySee);
        programVersion = Clean(programVersion);
        if (whatTheySee?.Length > MaxWhatTheySee) return new ScreenReportOutcome.Invalid("ScreenDiffers.Error.TextLength");
        if (programVersion?.Length > MaxProgramVersion) return new ScreenReportOutcome.Invalid("ScreenDiffers.Error.VersionLength");

        var now = time.GetUtcNow();
        var key = await keys.OfAsync(clientIp, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // SQLite: BEGIN IMMEDIATE; SQL Server: serializable with UPDLOCK in the count. Two nodes cannot both take the last place.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var recent = await connection.QuerySingleAsync<Recent>(new CommandDefinition(
            database.Query(Feature, "CountRecentScreenReports"), new { ClientIpHash = key, Since = now - Window }, transaction, cancellationToken: cancellationToken));
        if (recent.Count >= PerClientIpPerHour && recent.Oldest is { } oldest)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ScreenReportOutcome.TooMany(oldest + Window);
        }

        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertScreenReport"), new
        {
            Guide = guide, Step = step, Language = language, ProgramVersion = programVersion, WhatTheySee = whatTheySee, ClientIpHash = key, CreatedAt = now,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ScreenReportOutcome.Recorded();
    }

    public async Task<IReadOnlyList<ScreenReportCount>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CountRow>(new CommandDefinition(database.Query(Feature, "ScreenReportCounts"), cancellationToken: cancellationToken));
        return rows.Select(r => new ScreenReportCount(r.Guide, r.Step, r.Reports, r.Japanese, r.Latest)).ToList();
    }

    public async Task<IReadOnlyList<ScreenReport>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(database.Query(Feature, "RecentScreenReports"), new { Count = count }, cancellationToken: cancellationToken));
        return rows.Select(r => new ScreenReport(r.Guide, r.Step, r.Language, r.ProgramVersion, r.WhatTheySee, r.CreatedAt)).ToList();
    }

    /// <summary>Trimmed, control characters (line breaks included) as spaces, empty as nothing.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return new string(text.Trim().Select(c => char.IsControl(c) ? ' ' : c).ToArray());
    }

    private sealed class Recent
    {
        public int Count { get; init; }
        public DateTimeOffset? Oldest { get; init; }
    }

    private sealed class CountRow
    {
        public string Guide { get; init; } = "";
        public string Step { get; init; } = "";
        public int Reports { get; init; }
        public int Japanese { get; init; }
        public DateTimeOffset Latest { get; init; }
    }

    private sealed class ReportRow
    {
        public string Guide { get; init; } = "";
        public string Step { get; init; } = "";
        public string Language { get; init; } = "";
        public string? ProgramVersion { get; init; }
        public string? WhatTheySee { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
