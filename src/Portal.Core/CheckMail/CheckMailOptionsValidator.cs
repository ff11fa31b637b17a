using Portal.Core.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.CheckMail;

internal sealed class CheckMailOptionsValidator(IHostEnvironment environment) : IValidateOptions<CheckMailOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckMailOptions o)
    {
        var p = new Problems();
        if (!string.IsNullOrWhiteSpace(o.Address)) p.MailAddress("CheckMail:Address", o.Address);
        if (o.CodeMinutes is < 1 or > 24 * 60) p.Add("CheckMail:CodeMinutes", $"must be between 1 and 1440 (was {o.CodeMinutes})");
        if (o.CodesPerClientIpPerHour < 1) p.Add("CheckMail:CodesPerClientIpPerHour", $"must be greater than 0 (was {o.CodesPerClientIpPerHour})");
        for (var i = 0; i < (o.OurHosts?.Length ?? 0); i++)
            if (Uri.CheckHostName(o.OurHosts![i]?.Trim()) == UriHostNameType.Unknown) p.Add($"CheckMail:OurHosts:{i}", $"'{o.OurHosts[i]}' is not a host name");
        p.Networks("CheckMail:RelayNetworks", o.EffectiveRelayNetworks);
        foreach (var (host, port) in o.PortByHost) p.Port($"CheckMail:PortByHost:{host}", port);
        if (o.PortHeader is { Length: > 0 } header && !header.All(c => c is > ' ' and < '\u007f' and not ':'))
            p.Add("CheckMail:PortHeader", $"'{header}' is not a header name");

        var imap = o.Imap;
        if (imap.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(o.Address)) p.Add("CheckMail:Address", "is required when CheckMail:Imap:Host is set (members need to know where to write)");
            p.HostName("CheckMail:Imap:Host", imap.Host);
            if (imap.Port != 0) p.Port("CheckMail:Imap:Port", imap.Port);
            p.Defined("CheckMail:Imap:Security", imap.Security);
            p.Required("CheckMail:Imap:User", imap.User);
            p.Required("CheckMail:Imap:Password", imap.Password);
            p.Required("CheckMail:Imap:Folder", imap.Folder);
            if (imap.PollSeconds < 1) p.Add("CheckMail:Imap:PollSeconds", $"must be greater than 0 (was {imap.PollSeconds})");
            if (imap.MaxReconnectSeconds < 1) p.Add("CheckMail:Imap:MaxReconnectSeconds", $"must be greater than 0 (was {imap.MaxReconnectSeconds})");
            TrustedCertificates.Check(p, "CheckMail:Imap:TrustedCertificateFile", imap.TrustedCertificateFile, environment.ContentRootPath);
        }

        return p.Result();
    }
}
