using Portal.Core;
using System.Data.Common;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.DataProtection;

namespace Portal.Cli;

/// <summary>
/// `portal keys`: the Data Protection keys every node shares, and how each is protected, as this configuration sees
/// them. For a certificate rotation: once no key is under a previous certificate, that certificate can go.
/// </summary>
internal static class KeysCommand
{
    /// <summary>`portal keys rotate-one-way-secret`: a new secret for the limits' one-way keys; the nodes take it up within minutes.</summary>
    public static async Task<int> RotateOneWaySecretAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        OneWayKeys keys;
        try
        {
            _ = services.GetRequiredService<IOptions<Portal.Core.Configuration.DatabaseOptions>>().Value;
            _ = services.GetRequiredService<IOptions<KeyProtectionOptions>>().Value;
            keys = services.GetRequiredService<OneWayKeys>();
        }
        catch (OptionsValidationException e)
        {
            foreach (var problem in e.Failures) await error.WriteLineAsync(problem);
            return ExitCode.Usage;
        }

        try
        {
            await keys.RotateAsync(cancellationToken);
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"The database could not be written: {e.Message}");
            return ExitCode.Failed;
        }

        await output.WriteLineAsync($"A new one-way key secret is in use; every node takes it up within {OneWayKeys.Refresh.TotalMinutes:0} minutes. Counts for the probe, check-mail and set-up limits start afresh.");
        return ExitCode.Ok;
    }

    public static async Task<int> ListAsync(IServiceProvider services, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        KeyProtectionCertificates certificates;
        try
        {
            _ = services.GetRequiredService<IOptions<Portal.Core.Configuration.DatabaseOptions>>().Value;
            _ = services.GetRequiredService<IOptions<KeyProtectionOptions>>().Value;
            certificates = services.GetRequiredService<KeyProtectionCertificates>();
        }
        catch (OptionsValidationException e)
        {
            foreach (var problem in e.Failures) await error.WriteLineAsync(problem);
            return ExitCode.Usage;
        }

        IReadOnlyList<StoredKey> rows;
        try
        {
            rows = await services.GetRequiredService<DatabaseKeyStore>().ListAsync(cancellationToken);
        }
        catch (DbException e)
        {
            var database = MigrateCommand.Describe(services.GetRequiredService<PortalDatabase>().Location);
            await error.WriteLineAsync($"Cannot read the keys in the {database}: {e.Message} (is it migrated? `portal migrate`)");
            return ExitCode.Failed;
        }

        var now = TimeProvider.System.GetUtcNow();
        List<XElement> elements;
        try
        {
            elements = rows.Select(r => XElement.Parse(r.Xml)).ToList();
        }
        catch (System.Xml.XmlException e)
        {
            await error.WriteLineAsync($"A row of DataProtectionKeys is not XML the portal or the framework wrote: {e.Message}");
            return ExitCode.Failed;
        }

        var revocations = KeyRevocations.In(elements);
        var keys = elements.Select(e => KeyStatus.Of(e, certificates, revocations)).OfType<KeyStatus>().ToList();
        // A live key under an unknown certificate is what stops a node from starting: say so in the exit code too.
        var unreadable = keys.Any(k => k.Protection == KeyProtection.UnknownCertificate && k.IsLive(now));
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(keys.Select(k => new
            {
                id = k.Id, createdAt = k.CreatedAt, expiresAt = k.ExpiresAt, revoked = k.Revoked, live = k.IsLive(now),
                protection = JsonNamingPolicy.KebabCaseLower.ConvertName(k.Protection.ToString()), certificates = k.Certificates,
            })));
            return unreadable ? ExitCode.Failed : ExitCode.Ok;
        }

        await output.WriteLineAsync($"Data Protection keys: {keys.Count} (and {revocations.Count} revocation(s))");
        foreach (var k in keys)
        {
            var state = k.Revoked ? " (revoked)" : k.IsLive(now) ? "" : " (expired)";
            await output.WriteLineAsync($"  {k.Id}  {k.CreatedAt:yyyy-MM-dd} to {k.ExpiresAt:yyyy-MM-dd}{state}  {Describe(k)}");
        }

        var counts = Enum.GetValues<KeyProtection>().Select(p => $"{keys.Count(k => k.Protection == p)} {Describe(p)}");
        await output.WriteLineAsync($"In all: {string.Join(", ", counts)}");
        return unreadable ? ExitCode.Failed : ExitCode.Ok;
    }

    private static string Describe(KeyStatus key) => key.Protection == KeyProtection.Plain
        ? Describe(key.Protection)
        : $"{Describe(key.Protection)}: {string.Join(", ", key.Certificates)}";

    private static string Describe(KeyProtection protection) => protection switch
    {
        KeyProtection.Plain => "plain XML (readable by whoever reads the table)",
        KeyProtection.CurrentCertificate => "encrypted to the current certificate",
        KeyProtection.PreviousCertificate => "encrypted to a previous certificate (moved to the current one at a node's next start, once one is set)",
        KeyProtection.UnknownCertificate => "encrypted to a certificate not configured here",
        _ => protection.ToString(),
    };
}
