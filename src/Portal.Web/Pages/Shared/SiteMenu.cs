namespace Portal.Web.Pages.Shared;

/// <summary>The main navigation, in the order of the ISP's notice.</summary>
public static class SiteMenu
{
    public sealed record Item(string Page, string TextKey);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("/Notice/Overview", "Nav.Overview"),
        new("/Notice/HowItWorks", "Nav.HowItWorks"),
        new("/Guides/Index", "Nav.Guides"),
        new("/Probe/Index", "Nav.Probe"),
        new("/CheckMail/Index", "Nav.CheckMail"),
        new("/Notice/OwnMailServer", "Nav.OwnServer"),
        new("/Notice/Schedule", "Nav.Schedule"),
        new("/Notice/OtherProviders", "Nav.OtherProviders"),
    ];

    /// <summary>The staff console's menu, on its pages once signed in.</summary>
    public static readonly IReadOnlyList<Item> Staff =
    [
        new("/Staff/Index", "Staff.Nav.Members"),
        new("/Staff/SupportLink", "Staff.Nav.SupportLink"),
        new("/Staff/Dashboard", "Staff.Nav.Dashboard"),
        new("/Staff/Campaigns/Index", "Staff.Nav.Campaigns"),
        new("/Staff/Members/Import", "Staff.Nav.Import"),
        new("/Staff/ScreenReports", "Staff.Nav.ScreenReports"),
        new("/Staff/Activity", "Staff.Nav.Activity"),
        new("/Staff/DnsRecords", "AutoSetup.Dns.Nav"),
        new("/Staff/Postfix", "Staff.Nav.Postfix"),
    ];

    public static bool IsStaffPage(string? page) => page?.StartsWith("/Staff/", StringComparison.Ordinal) == true;
}
