using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Core.Configuration;

/// <summary>A PKCS#12 (.pfx) file named in configuration: its certificates, or why they cannot be read, in the words every such key uses.</summary>
internal static class Pkcs12File
{
    public static (X509Certificate2Collection? Certificates, string? Problem) Read(string file, string? password, string contentRoot)
    {
        var path = Path.GetFullPath(file, contentRoot);
        if (!File.Exists(path)) return (null, $"the file '{path}' does not exist");
        try
        {
            return (X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password), null);
        }
        catch (CryptographicException e)
        {
            return (null, $"'{path}' cannot be read as a PKCS#12 file with that password ({e.Message})");
        }
    }
}
