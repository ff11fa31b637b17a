using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.SupportLinks;

internal sealed class SupportLinkOptionsValidator : IValidateOptions<SupportLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportLinkOptions o)
    {
        var p = new Problems();
        p.Between("SupportLinks:ValidDays", o.ValidDays, 1, 365);
        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl)) p.AbsoluteHttpUrl("SupportLinks:PublicBaseUrl", o.PublicBaseUrl);
        return p.Result();
    }
}
