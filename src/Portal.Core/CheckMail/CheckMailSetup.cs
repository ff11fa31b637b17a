using System.Net.Mail;
using Microsoft.Extensions.Options;
using Portal.Core.DemoSubmission;

namespace Portal.Core.CheckMail;

/// <summary>The check as it runs here: the configured check address, or in demo mode one at the demo account's domain.</summary>
public sealed class CheckMailSetup(IOptions<CheckMailOptions> options, DemoMode demo)
{
    public string? Address => options.Value.Address is { Length: > 0 } configured ? configured.Trim()
        : demo.IsOn && MailAddress.TryCreate(demo.Options.AccountAddress, out var account) ? $"check@{account.Host}"
        : null;

    public bool IsOn => Address is not null;

    public TimeSpan CodeLifetime => TimeSpan.FromMinutes(options.Value.CodeMinutes);

    public bool IsCheckAddress(string recipient) => Address is { } address && string.Equals(recipient.Trim(), address, StringComparison.OrdinalIgnoreCase);
}
