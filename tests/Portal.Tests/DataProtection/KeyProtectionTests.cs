using Portal.Core;
using System.Security.Cryptography;
using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.DataProtection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.DataProtection;

/// <summary>
/// Data Protection keys encrypted to a configured certificate: unreadable in the database without it, shared by the nodes
/// that have it, readable after a rotation, and a node that lacks it refuses to start instead of making keys of its own.
/// </summary>
public sealed class KeyProtectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Pfx(string name, string password = "pfx-pass", bool withKey = true, bool ecdsa = false)
    {
        using X509Certificate2 certificate = ecdsa ? EcdsaCertificate(name) : RsaCertificate(name);
        var path = _folder.File($"{name}.pfx");
        File.WriteAllBytes(path, withKey ? certificate.Export(X509ContentType.Pkcs12, password)
            : X509CertificateLoader.LoadCertificate(certificate.RawData).Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private static X509Certificate2 RsaCertificate(string name)
    {
        using var key = RSA.Create(2048);
        return new CertificateRequest($"CN=Portal keys {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    }

    private static X509Certificate2 EcdsaCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest($"CN=Portal keys {name}", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    }

    private static Dictionary<string, string?> Settings(string? file, params string[] previous)
    {
        var settings = new Dictionary<string, string?> { ["DataProtection:CertificateFile"] = file, ["DataProtection:CertificatePassword"] = file is null ? null : "pfx-pass" };
        for (var i = 0; i < previous.Length; i++)
        {
            settings[$"DataProtection:PreviousCertificates:{i}:File"] = previous[i];
            settings[$"DataProtection:PreviousCertificates:{i}:Password"] = "pfx-pass";
        }

        return settings;
    }

    /// <summary>A node without a certificate, as before one was set: outside Development only with the insecure switch.</summary>
    private static readonly Dictionary<string, string?> Unencrypted = new()
    {
        ["DataProtection:CertificateFile"] = null, ["DataProtection:CertificatePassword"] = null, ["DataProtection:InsecureStoreKeysUnencrypted"] = "true",
    };

    private static IDataProtector Protector(PortalFactory node) => node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Portal.Tests.KeyProtection");

    private static async Task<IReadOnlyList<StoredKey>> StoredKeysAsync(PortalFactory node) =>
        await node.Services.GetRequiredService<DatabaseKeyStore>().ListAsync(CancellationToken.None);

    [Fact]
    public async Task Keys_are_stored_encrypted_to_the_certificate_and_another_node_with_it_reads_them()
    {
        var certificate = Pfx("current");
        using var first = new PortalFactory(Settings(certificate));
        var payload = Protector(first).Protect("taro@example.jp");

        var key = Assert.Single(await StoredKeysAsync(first));
        Assert.Contains("<encryptedSecret decryptorType=\"Portal.Core.DataProtection.CertificateKeyDecryptor,", key.Xml, StringComparison.Ordinal);
        Assert.Contains("http://www.w3.org/2001/04/xmlenc#", key.Xml, StringComparison.Ordinal);
        // The plain key's secret is the masterKey element's value; encrypted, it is not there.
        Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);

        using var second = new PortalFactory(Settings(certificate), databaseFile: first.DatabaseFile);
        Assert.Equal("taro@example.jp", Protector(second).Unprotect(payload));
    }

    [Fact]
    public async Task With_the_insecure_switch_keys_stay_plain_and_every_start_says_so()
    {
        using var node = new PortalFactory(Unencrypted);
        Protector(node).Protect("x");

        Assert.Contains("<masterKey", Assert.Single(await StoredKeysAsync(node)).Xml, StringComparison.Ordinal);
        Assert.Contains(node.Watch.Logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("DataProtection:InsecureStoreKeysUnencrypted is on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_development_a_node_without_a_certificate_refuses_to_start_and_names_the_setting()
    {
        var result = await PortalProcess.RunAsync("Portal.Web.dll", [], new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = _folder.File("refused.db"),
            ["Demo__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo__ImplicitTlsPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("DataProtection:CertificateFile: is required outside Development (environment Production)", result.Error, StringComparison.Ordinal);
        Assert.Contains("DataProtection:InsecureStoreKeysUnencrypted=true", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("refused.db")));
    }

    [Fact]
    public async Task A_node_without_the_certificate_refuses_to_start_and_names_the_one_it_needs()
    {
        var database = _folder.File("shared.db");
        var current = Pfx("current");
        using (var first = new PortalFactory(Settings(current), databaseFile: database)) Protector(first).Protect("x");

        var result = await PortalProcess.RunAsync("Portal.Web.dll", [], new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = database,
            ["DataProtection__CertificateFile"] = Pfx("another"),
            ["DataProtection__CertificatePassword"] = "pfx-pass",
            ["Demo__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo__ImplicitTlsPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo__CertificateFile"] = _folder.File("demo.pfx"),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The portal cannot start: This node cannot read the Data Protection keys the other nodes use", result.Error, StringComparison.Ordinal);
        Assert.Contains("is encrypted to 'CN=Portal keys current'", result.Error, StringComparison.Ordinal);
        // It made no key of its own.
        using var again = new PortalFactory(Settings(current), databaseFile: database);
        Assert.Single(await StoredKeysAsync(again));
    }

    [Fact]
    public async Task Keys_stored_before_a_certificate_was_set_are_encrypted_at_the_next_start_and_still_read()
    {
        var database = _folder.File("plain-first.db");
        string payload;
        using (var before = new PortalFactory(Unencrypted, databaseFile: database)) payload = Protector(before).Protect("jiro@example.jp");

        using var after = new PortalFactory(Settings(Pfx("current")), databaseFile: database);
        Assert.Equal("jiro@example.jp", Protector(after).Unprotect(payload));

        var key = Assert.Single(await StoredKeysAsync(after));
        Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        Assert.Contains(CertificateInXml(_folder.File("current.pfx")), key.Xml, StringComparison.Ordinal);
        Assert.Contains(after.Watch.Logs.Lines, l => l.Contains("1 were stored unencrypted, 0 were encrypted to a previous certificate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rotation_moves_the_keys_to_the_new_certificate_so_the_old_one_can_be_retired()
    {
        var (old, database) = (Pfx("old"), _folder.File("rotated.db"));
        string payload;
        using (var before = new PortalFactory(Settings(old), databaseFile: database)) payload = Protector(before).Protect("hanako@example.jp");

        var renewed = Pfx("new");
        using (var during = new PortalFactory(Settings(renewed, old), databaseFile: database))
        {
            Assert.Equal("hanako@example.jp", Protector(during).Unprotect(payload));
            var key = Assert.Single(await StoredKeysAsync(during));
            Assert.Contains(CertificateInXml(renewed), key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain(CertificateInXml(old), key.Xml, StringComparison.Ordinal);
        }

        // Every node has restarted with the new certificate: the old one goes from the configuration.
        using var after = new PortalFactory(Settings(renewed), databaseFile: database);
        Assert.Equal("hanako@example.jp", Protector(after).Unprotect(payload));
    }

    /// <summary>XML encryption carries the whole certificate, base64.</summary>
    private static string CertificateInXml(string pfx)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, "pfx-pass");
        return Convert.ToBase64String(certificate.RawData);
    }

    [Fact]
    public void Each_unusable_setting_is_named_with_why()
    {
        var problems = new ConfigurationProblemsProbe(new Dictionary<string, string?>
        {
            ["DataProtection:CertificateFile"] = Pfx("no-key", withKey: false),
            ["DataProtection:CertificatePassword"] = "pfx-pass",
            ["DataProtection:PreviousCertificates:0:File"] = Pfx("ecdsa", ecdsa: true),
            ["DataProtection:PreviousCertificates:0:Password"] = "pfx-pass",
            ["DataProtection:PreviousCertificates:1:File"] = Pfx("wrong-password"),
            ["DataProtection:PreviousCertificates:1:Password"] = "not it",
            ["DataProtection:PreviousCertificates:2:File"] = "missing.pfx",
            ["DataProtection:PreviousCertificates:3:Password"] = "a password alone",
        }, _folder.Path).Problems();

        Assert.Contains(problems, p => p.StartsWith("DataProtection:CertificateFile: '", StringComparison.Ordinal) && p.EndsWith("no-key.pfx' holds no RSA certificate with its private key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("DataProtection:PreviousCertificates:0:File: '", StringComparison.Ordinal) && p.EndsWith("ecdsa.pfx' holds no RSA certificate with its private key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("DataProtection:PreviousCertificates:1:File: '", StringComparison.Ordinal) && p.Contains("cannot be read as a PKCS#12 file with that password", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("DataProtection:PreviousCertificates:2:File: the file '", StringComparison.Ordinal) && p.EndsWith("missing.pfx' does not exist", StringComparison.Ordinal));
        Assert.Contains("DataProtection:PreviousCertificates:3:File: is required", problems);
        Assert.DoesNotContain(new ConfigurationProblemsProbe(Settings(Pfx("good")), _folder.Path).Problems(), p => p.StartsWith("DataProtection:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Portal_keys_tells_how_each_key_is_protected_under_this_configuration()
    {
        var (database, current, renewed) = (_folder.File("listed.db"), Pfx("listed-current"), Pfx("listed-new"));
        using (var plainNode = new PortalFactory(Unencrypted, databaseFile: database)) Protector(plainNode).Protect("x");
        using (var node = new PortalFactory(Settings(current), databaseFile: database)) Protector(node).Protect("x");

        async Task<(int Code, string Output, string Error)> KeysAsync(string settings, params string[] more)
        {
            await File.WriteAllTextAsync(_folder.File("appsettings.json"), settings);
            return await CliRun.InAsync(_folder.Path, null, ["keys", .. more]);
        }

        string Config(string? file, string? previous = null) => JsonSerializer.Serialize(new
        {
            Database = new { ConnectionString = database },
            DataProtection = new
            {
                CertificateFile = file, CertificatePassword = file is null ? null : "pfx-pass", InsecureStoreKeysUnencrypted = file is null,
                PreviousCertificates = previous is null ? Array.Empty<object>() : [new { File = previous, Password = "pfx-pass" }],
            },
        });

        var (code, output, _) = await KeysAsync(Config(current));
        Assert.Equal(ExitCode.Ok, code);
        Assert.Contains("Data Protection keys: 1", output, StringComparison.Ordinal);
        Assert.Contains("encrypted to the current certificate: 'CN=Portal keys listed-current'", output, StringComparison.Ordinal);

        (code, output, _) = await KeysAsync(Config(renewed, current), "--json");
        Assert.Equal(ExitCode.Ok, code);
        var key = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal(("previous-certificate", true), (key.GetProperty("protection").GetString(), key.GetProperty("live").GetBoolean()));

        (code, output, _) = await KeysAsync(Config(renewed));
        Assert.Equal(ExitCode.Failed, code);
        Assert.Contains("In all: 0 plain XML (readable by whoever reads the table), 0 encrypted to the current certificate, 0 encrypted to a previous certificate", output, StringComparison.Ordinal);
        Assert.Contains("1 encrypted to a certificate not configured here", output, StringComparison.Ordinal);

        (code, _, var error) = await KeysAsync(Config("missing.pfx"));
        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("DataProtection:CertificateFile: the file '", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_under_a_retired_certificate_stops_no_node_and_portal_keys_says_it_is_revoked()
    {
        var database = _folder.File("revoked.db");
        using (var node = new PortalFactory(Settings(Pfx("revoked-old")), databaseFile: database))
        {
            Protector(node).Protect("x");
            node.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "the old certificate is retired");
        }

        var renewed = Pfx("revoked-new");
        using (var fresh = new PortalFactory(Settings(renewed), databaseFile: database)) Protector(fresh).Protect("y");

        await File.WriteAllTextAsync(_folder.File("appsettings.json"), JsonSerializer.Serialize(new
        {
            Database = new { ConnectionString = database },
            DataProtection = new { CertificateFile = renewed, CertificatePassword = "pfx-pass" },
        }));
        var (code, output, _) = await CliRun.InAsync(_folder.Path, null, "keys");

        Assert.Equal(ExitCode.Ok, code);
        Assert.Contains("Data Protection keys: 2 (and 1 revocation(s))", output, StringComparison.Ordinal);
        Assert.Contains("(revoked)  encrypted to a certificate not configured here: 'CN=Portal keys revoked-old'", output, StringComparison.Ordinal);
        Assert.Contains("encrypted to the current certificate: 'CN=Portal keys revoked-new'", output, StringComparison.Ordinal);
    }
}
