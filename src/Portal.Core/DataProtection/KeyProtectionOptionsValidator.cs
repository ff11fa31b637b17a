using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.DataProtection;

internal sealed class KeyProtectionOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyProtectionOptions o)
    {
        var p = new Problems();
        if (!string.IsNullOrWhiteSpace(o.CertificateFile))
        {
            if (KeyProtectionCertificates.Problem(o.CertificateFile, o.CertificatePassword, environment.ContentRootPath) is { } problem)
                p.Add("DataProtection:CertificateFile", problem);
        }
        else if (!string.IsNullOrEmpty(o.CertificatePassword))
        {
            p.Add("DataProtection:CertificatePassword", "is set, but DataProtection:CertificateFile is not");
        }
        else if (!environment.IsDevelopment() && !o.InsecureStoreKeysUnencrypted)
        {
            p.Add("DataProtection:CertificateFile", $"is required outside Development (environment {environment.EnvironmentName}): without it the keys that " +
                "sign support links, staff sessions and antiforgery tokens are stored unencrypted, and anyone who reads the database can forge all three. " +
                "Set it to a PKCS#12 (.pfx) file with an RSA certificate and its private key (or, knowingly, DataProtection:InsecureStoreKeysUnencrypted=true)");
        }

        for (var i = 0; i < o.PreviousCertificates.Count; i++)
        {
            var previous = o.PreviousCertificates[i];
            if (string.IsNullOrWhiteSpace(previous.File)) p.Add($"DataProtection:PreviousCertificates:{i}:File", "is required");
            else if (KeyProtectionCertificates.Problem(previous.File, previous.Password, environment.ContentRootPath) is { } problem)
                p.Add($"DataProtection:PreviousCertificates:{i}:File", problem);
        }

        return p.Result();
    }
}
