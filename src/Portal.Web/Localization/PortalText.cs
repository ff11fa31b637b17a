namespace Portal.Web.Localization;

/// <summary>
/// Marker for the UI strings in PortalText.resx beside it (Japanese, the neutral language) and PortalText.en.resx.
/// Views reach them as <c>T["Key"]</c>.
/// </summary>
public sealed class PortalText;
