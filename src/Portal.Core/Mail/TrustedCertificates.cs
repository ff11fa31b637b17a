using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Portal.Core.Configuration;

namespace Portal.Core.Mail;

/// <summary>
/// The PEM files of extra certificates to trust for a mail server (an ISP's internal CA): Submission:, CheckMail:Imap:
/// and Outbound:TrustedCertificateFile, relative to the content root. One rule for checking and one for reading them.
/// </summary>
public static class TrustedCertificates
{
    /// <summary>The certificates in the configured file (none when no file is configured).</summary>
    public static X509Certificate2Collection Load(string? file, string contentRoot) =>
        string.IsNullOrWhiteSpace(file) ? [] : ReadPem(Path.GetFullPath(file, contentRoot)).Certificates;

    /// <summary>
    /// Starts reading the system's trust store into the process-wide cache that every TLS certificate check uses (on
    /// Linux, .NET reads and parses every file of it the first time, even to check against a configured CA only), on the
    /// thread pool. A process that makes one connection (`portal probe`) would otherwise do this inside its handshake.
    /// </summary>
    public static void PreloadSystemStore() => _ = Task.Run(() =>
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            foreach (var certificate in store.Certificates) certificate.Dispose();
        }
        catch (CryptographicException)
        {
            // Left to the handshake, which meets the same store and says what is wrong with it.
        }
    });

    /// <summary>Adds a problem under <paramref name="key"/> when a configured file is missing or holds no usable certificate.</summary>
    internal static void Check(Problems problems, string key, string? file, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(file)) return;
        var path = Path.GetFullPath(file, contentRoot);
        if (!File.Exists(path)) problems.Add(key, $"the file '{path}' does not exist");
        else if (ReadPem(path) is { Error: { } error }) problems.Add(key, $"'{path}' {error}");
    }

    /// <summary>The certificates in a PEM file, or why it cannot be used.</summary>
    public static (X509Certificate2Collection Certificates, string? Error) ReadPem(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (certificates, $"cannot be read as PEM certificates ({e.Message})");
        }

        return certificates.Count == 0 ? (certificates, "holds no certificate") : (certificates, null);
    }
}
