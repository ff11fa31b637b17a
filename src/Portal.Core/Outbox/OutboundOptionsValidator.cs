using Portal.Core.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.Outbox;

internal sealed class OutboundOptionsValidator(IHostEnvironment environment) : IValidateOptions<OutboundOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundOptions o)
    {
        var p = new Problems();
        if (!string.IsNullOrWhiteSpace(o.Host))
        {
            p.HostName("Outbound:Host", o.Host);
            if (string.IsNullOrWhiteSpace(o.FromAddress)) p.Add("Outbound:FromAddress", "is required when Outbound:Host is set");
        }

        if (!string.IsNullOrWhiteSpace(o.FromAddress)) p.MailAddress("Outbound:FromAddress", o.FromAddress);
        p.Port("Outbound:Port", o.Port);
        p.Defined("Outbound:Security", o.Security);

        var hasUser = !string.IsNullOrWhiteSpace(o.User);
        var hasPassword = !string.IsNullOrEmpty(o.Password);
        if (hasUser && !hasPassword) p.Add("Outbound:Password", "is required when Outbound:User is set");
        if (hasPassword && !hasUser) p.Add("Outbound:User", "is required when Outbound:Password is set");
        if (hasUser && o.Security == ConnectionSecurity.None)
            p.Add("Outbound:Security", "must be StartTls or SslOnConnect when Outbound:User is set: None would send the password unencrypted");

        TrustedCertificates.Check(p, "Outbound:TrustedCertificateFile", o.TrustedCertificateFile, environment.ContentRootPath);

        p.Between("Outbound:MessagesPerMinute", o.MessagesPerMinute, 1, 1_000_000);
        p.Between("Outbound:MaxAttempts", o.MaxAttempts, 1, 100);
        p.Between("Outbound:RetryBaseSeconds", o.RetryBaseSeconds, 1, 3600);
        p.Between("Outbound:BatchSize", o.BatchSize, 1, 1000);
        // A node starts a message only while its lease has a minute left (30 s on the wire, then recording it): room for more is needed.
        p.Between("Outbound:LeaseSeconds", o.LeaseSeconds, 120, 86_400);
        p.Between("Outbound:EraseAfterDays", o.EraseAfterDays, 0, 36_500);

        return p.Result();
    }

    private static void Between(Problems p, string key, int value, int min, int max)
    {
        if (value < min || value > max) p.Add(key, $"must be between {min} and {max} (was {value})");
    }
}
