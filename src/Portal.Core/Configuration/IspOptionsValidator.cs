using Microsoft.Extensions.Options;

namespace Portal.Core.Configuration;

internal sealed class IspOptionsValidator : IValidateOptions<IspOptions>
{
    public ValidateOptionsResult Validate(string? name, IspOptions o)
    {
        var p = new Problems();
        p.Required("Isp:Name:Ja", o.Name.Ja);
        p.Required("Isp:Name:En", o.Name.En);
        p.HostName("Isp:MailDomain", o.MailDomain);
        p.Required("Isp:Support:Phone", o.Support.Phone);
        p.MailAddress("Isp:Support:Email", o.Support.Email);
        p.AbsoluteHttpUrl("Isp:Support:Url", o.Support.Url);

        // An empty submission host is valid: it means demo mode (see DemoSubmissionOptions).
        if (!string.IsNullOrWhiteSpace(o.Submission.Host)) p.HostName("Isp:Submission:Host", o.Submission.Host);
        p.Port("Isp:Submission:Port", o.Submission.Port);
        p.Defined("Isp:Submission:Security", o.Submission.Security);

        if (!string.IsNullOrWhiteSpace(o.ImplicitTls.Host))
        {
            p.HostName("Isp:ImplicitTls:Host", o.ImplicitTls.Host);
            p.Port("Isp:ImplicitTls:Port", o.ImplicitTls.Port);
            if (o.ImplicitTls.Security != ConnectionSecurity.SslOnConnect)
                p.Add("Isp:ImplicitTls:Security", $"must be SslOnConnect: port {o.ImplicitTls.Port} is TLS from the first byte (was {o.ImplicitTls.Security})");
        }

        p.Defined("Isp:UserNameFormat", o.UserNameFormat);
        p.Defined("Isp:Incoming:Protocol", o.Incoming.Protocol);
        p.HostName("Isp:Incoming:Host", o.Incoming.Host);
        p.Port("Isp:Incoming:Port", o.Incoming.Port);
        p.Defined("Isp:Incoming:Security", o.Incoming.Security);
        p.Networks("Isp:DynamicRanges", o.EffectiveDynamicRanges);

        return p.Result();
    }
}
