using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.AutoSetup;

internal sealed class AutoSetupOptionsValidator(IHostEnvironment environment, TimeProvider time) : IValidateOptions<AutoSetupOptions>
{
    public ValidateOptionsResult Validate(string? name, AutoSetupOptions o)
    {
        var p = new Problems();
        if (o.RequestsPerClientIpPerMinute < 1)
            p.Add("AutoSetup:RequestsPerClientIpPerMinute", $"must be greater than 0 (was {o.RequestsPerClientIpPerMinute})");
        if (string.IsNullOrWhiteSpace(o.ProfileSigningCertificateFile))
        {
            if (!string.IsNullOrEmpty(o.ProfileSigningCertificatePassword))
                p.Add("AutoSetup:ProfileSigningCertificatePassword", "is set, but AutoSetup:ProfileSigningCertificateFile is not");
        }
        else
        {
            var (certificate, problem) = ProfileSigningCertificate.Read(o, environment.ContentRootPath, time.GetUtcNow());
            certificate?.Dispose();
            if (problem is not null) p.Add("AutoSetup:ProfileSigningCertificateFile", problem);
        }

        return p.Result();
    }
}
