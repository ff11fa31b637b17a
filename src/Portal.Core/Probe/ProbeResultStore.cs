using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Core.Probe;

/// <summary>A probe's result under a short code the member can give to support; kept for Submission:ResultDays, never with a password.</summary>
public sealed record StoredProbe(
    string Code, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Account, string Host, int Port, ConnectionSecurity Security,
    string? Program, ProbeReport Report);

public sealed class ProbeResultStore(PortalDatabase database, IOptions<ProbeOptions> options, TimeProvider time)
{
    private const string Feature = "Probe";

    // Crockford's base32 without the letters members confuse (I, L, O, U).

    public async Task<StoredProbe> SaveAsync(ProbeRequest request, string? program, ProbeReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = new StoredProbe(NewCode(), now, now.AddDays(options.Value.ResultDays), request.UserName, request.Target.Host, request.Target.Port,
            request.Target.Security, program, report);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertResult"), new
        {
            Id = Guid.NewGuid(),
            stored.Code,
            stored.CreatedAt,
            stored.ExpiresAt,
            stored.Account,
            stored.Host,
            stored.Port,
            Security = stored.Security.ToString(),
            stored.Program,
            Verdict = report.Verdict.ToString(),
            report.Diagnosis,
            Steps = JsonSerializer.Serialize(report.Steps),
            report.Transcript,
        }, cancellationToken: cancellationToken));
        return stored;
    }

    /// <summary>The result for a code as typed (see <see cref="ResultCodes.Read"/>), if it is still kept.</summary>
    public async Task<StoredProbe?> FindAsync(string typed, CancellationToken cancellationToken)
    {
        if (ResultCodes.Read(typed) is not { } code) return null;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            database.Query(Feature, "FindResult"), new { Code = code, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        if (row is null) return null;
        var steps = JsonSerializer.Deserialize<List<ProbeStep>>(row.Steps) ?? [];
        var report = new ProbeReport(Enum.Parse<ProbeVerdict>(row.Verdict), row.Diagnosis, steps, row.Transcript);
        return new StoredProbe(row.Code, row.CreatedAt, row.ExpiresAt, row.Account, row.Host, row.Port, Enum.Parse<ConnectionSecurity>(row.Security), row.Program, report);
    }

    private static string NewCode() => string.Create(ResultCodes.Length, 0, static (chars, _) =>
    {
        Span<byte> random = stackalloc byte[ResultCodes.Length];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < chars.Length; i++) chars[i] = ResultCodes.Alphabet[random[i] % ResultCodes.Alphabet.Length];
    });

    private sealed class Row
    {
        public string Code { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public string Account { get; init; } = "";
        public string Host { get; init; } = "";
        public int Port { get; init; }
        public string Security { get; init; } = "";
        public string? Program { get; init; }
        public string Verdict { get; init; } = "";
        public string Diagnosis { get; init; } = "";
        public string Steps { get; init; } = "";
        public string Transcript { get; init; } = "";
    }
}
