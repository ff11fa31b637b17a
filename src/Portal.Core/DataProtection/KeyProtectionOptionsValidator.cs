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

        for (var i = 0; i < o.PreviousCertificates.Count; i++)
        {
            var previous = o.PreviousCertificates[i];
            if (string.IsNullOrWhiteSpace(previous.File)) p.Add($"DataProtection:PreviousCertificates:{i}:File", "is required");
            else if (KeyProtectionCertificates.Problem(previous.File, previous.Password, environment.ContentRootPath) is { } problem)
                p.Add($"DataProtection:PreviousCertificates:{i}:File", problem);
        }

        return p.Items.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(p.Items);
    }
}
