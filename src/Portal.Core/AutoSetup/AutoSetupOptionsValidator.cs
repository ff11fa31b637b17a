using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portal.Core.AutoSetup;

internal sealed class AutoSetupOptionsValidator(IHostEnvironment environment, TimeProvider time) : IValidateOptions<AutoSetupOptions>
{
    public ValidateOptionsResult Validate(string? name, AutoSetupOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.ProfileSigningCertificateFile))
        {
            return string.IsNullOrEmpty(o.ProfileSigningCertificatePassword)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("AutoSetup:ProfileSigningCertificatePassword: is set, but AutoSetup:ProfileSigningCertificateFile is not");
        }

        var (certificate, problem) = ProfileSigningCertificate.Read(o, environment.ContentRootPath, time.GetUtcNow());
        certificate?.Dispose();
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"AutoSetup:ProfileSigningCertificateFile: {problem}");
    }
}
