using Microsoft.Extensions.Options;

namespace Portal.Core.SupportLinks;

/// <summary>Support links in e-mails, bound from "SupportLinks".</summary>
public sealed class SupportLinkOptions
{
    public const string Section = "SupportLinks";

    /// <summary>Days a link keeps working.</summary>
    public int ValidDays { get; set; } = 30;

    /// <summary>The portal's address as members reach it (https://...). Unset: the address the staff member is using.</summary>
    public string? PublicBaseUrl { get; set; }
}

internal sealed class SupportLinkOptionsValidator : IValidateOptions<SupportLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportLinkOptions o)
    {
        var problems = new List<string>();
        if (o.ValidDays is < 1 or > 365) problems.Add($"SupportLinks:ValidDays: must be between 1 and 365 (was {o.ValidDays})");
        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl)
            && (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            problems.Add($"SupportLinks:PublicBaseUrl: '{o.PublicBaseUrl}' is not an absolute http(s) URL");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
