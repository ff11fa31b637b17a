using Portal.Core;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Configuration;
using Portal.Core.DataProtection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.DataProtection;

/// <summary>
/// The keys the limits count by: keyed, so a copy of the tables cannot be turned back into addresses by trying them all;
/// one secret for every node; rotated by the operators' tool, after which counting starts afresh.
/// </summary>
public sealed class OneWayKeysTests : IDisposable
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Every_node_gets_one_keyed_answer_that_trying_every_address_does_not_find(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);

        // Eight nodes starting at once, each its own instance over the one database and key ring.
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => test.Keys().OfAsync("192.0.2.1", CancellationToken.None))));

        Assert.Single(keys.Distinct());
        Assert.Matches("^[0-9a-f]{64}$", keys[0]);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("192.0.2.1"))), keys[0]);
        Assert.NotEqual(keys[0], await test.Keys().OfAsync("192.0.2.2", CancellationToken.None));
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OneWayKeySecrets"));
    }

    [Fact]
    public async Task A_node_with_another_key_ring_cannot_use_the_secret_and_says_how_to_go_on()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await test.Keys().OfAsync("192.0.2.1", CancellationToken.None);
        var stranger = new OneWayKeys(test.Database, new EphemeralDataProtectionProvider(), TimeProvider.System);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => stranger.OfAsync("192.0.2.1", CancellationToken.None));

        Assert.Contains("portal keys rotate-one-way-secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotation_gives_new_keys_at_once_on_the_node_that_made_it_and_on_the_others_within_the_refresh()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var (rotating, other) = (test.Keys(clock), test.Keys(clock));
        var before = await other.OfAsync("192.0.2.1", CancellationToken.None);

        await rotating.RotateAsync(CancellationToken.None);

        var after = await rotating.OfAsync("192.0.2.1", CancellationToken.None);
        Assert.NotEqual(before, after);
        Assert.Equal(before, await other.OfAsync("192.0.2.1", CancellationToken.None));
        clock.Advance(OneWayKeys.Refresh);
        Assert.Equal(after, await other.OfAsync("192.0.2.1", CancellationToken.None));
    }

    [Fact]
    public async Task The_operators_tool_rotates_the_secret_the_site_uses()
    {
        var database = _folder.File("portal.db");
        string before;
        using (var site = new PortalFactory(databaseFile: database)) before = await site.Services.GetRequiredService<OneWayKeys>().OfAsync("192.0.2.1", CancellationToken.None);
        await File.WriteAllTextAsync(_folder.File("appsettings.json"), JsonSerializer.Serialize(new
        {
            Database = new { ConnectionString = database },
            DataProtection = new { CertificateFile = KeyCertificate.File, CertificatePassword = KeyCertificate.Password },
        }));

        var (code, output, error) = await CliRun.InAsync(_folder.Path, null, "keys", "rotate-one-way-secret");

        Assert.True(code == ExitCode.Ok, error);
        Assert.Contains("A new one-way key secret is in use", output, StringComparison.Ordinal);
        using var restarted = new PortalFactory(databaseFile: database);
        Assert.NotEqual(before, await restarted.Services.GetRequiredService<OneWayKeys>().OfAsync("192.0.2.1", CancellationToken.None));
    }
}
