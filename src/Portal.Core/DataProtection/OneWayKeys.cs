using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Data;

namespace Portal.Core.DataProtection;

/// <summary>
/// One-way keys for counting per account or per address (HMAC-SHA256): the tables that count hold neither the name nor
/// the address, and without the secret nobody can find one again by trying them all (there are only 2^32 IPv4
/// addresses). The secret is made on first use and kept in the database protected by the Data Protection key ring, so
/// every node shares it and a copy of the tables alone is not enough to use it.
/// </summary>
/// <remarks>
/// Rotation (`portal keys rotate-one-way-secret`) adds a newer secret; each node takes it up within <see cref="Refresh"/>.
/// Keys are only ever compared within a limit's window, so counts under the old secret simply start afresh.
/// </remarks>
public sealed class OneWayKeys(PortalDatabase database, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Feature = "DataProtection";

    /// <summary>How long a node keeps a secret before looking for a newer one.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("Portal.OneWayKeys.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Loaded? _current;

    public async Task<string> OfAsync(string value, CancellationToken cancellationToken)
    {
        var secret = await SecretAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>Adds a new secret: from now on (on other nodes within <see cref="Refresh"/>) every key is a new one.</summary>
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, "InsertOneWaySecret", cancellationToken);
        _current = null;
    }

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && time.GetUtcNow() - current.At < Refresh) return current.Secret;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded && time.GetUtcNow() - loaded.At < Refresh) return loaded.Secret;
            await using var connection = await database.OpenAsync(cancellationToken);
            var stored = await NewestAsync(connection, cancellationToken);
            if (stored is null)
            {
                await InsertAsync(connection, "InsertFirstOneWaySecret", cancellationToken);
                stored = await NewestAsync(connection, cancellationToken);
            }

            byte[] secret;
            try
            {
                secret = _protector.Unprotect(Convert.FromBase64String(stored!));
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException(
                    "The one-way key secret cannot be read with this node's Data Protection keys (a different key ring or certificate?). " +
                    "Check DataProtection:CertificateFile, or start afresh with `portal keys rotate-one-way-secret`.", e);
            }

            _current = new Loaded(secret, time.GetUtcNow());
            return secret;
        }
        finally
        {
            _loading.Release();
        }
    }

    private Task<string?> NewestAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(database.Query(Feature, "NewestOneWaySecret"), cancellationToken: cancellationToken));

    private Task InsertAsync(System.Data.Common.DbConnection connection, string query, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, query), new
        {
            ProtectedSecret = Convert.ToBase64String(_protector.Protect(RandomNumberGenerator.GetBytes(32))),
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));

    private sealed record Loaded(byte[] Secret, DateTimeOffset At);
}
