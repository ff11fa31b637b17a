using Portal.Core.Configuration;
using Portal.Core.Guides;

namespace Portal.Web.Pages.Guides;

/// <summary>
/// What the settings card shows: the outgoing server a program sends to (the ISP's main one on the general page), or,
/// when the program cannot send to the ISP securely, the program's name so the card can say so instead.
/// </summary>
public sealed record SettingsCard(GuideValues Values, MailServer? Sending, string? Program)
{
    public static SettingsCard General(GuideValues values) => new(values, values.Submission, null);

    public static SettingsCard ForProgram(GuideValues values, Guide guide) => new(values, values.SendingFor(guide), guide.Name);
}
