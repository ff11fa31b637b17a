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
