using Microsoft.Extensions.Localization;
using Portal.Core.Configuration;

namespace Portal.Web.Localization;

/// <summary>
/// A text that depends on where the move stands has one entry per phase (Key.Announced, Key.ParallelRun,
/// Key.Port25Blocked): before a date it says what will happen, after it what has.
/// </summary>
public static class PhasedText
{
    public static LocalizedString InPhase(this IStringLocalizer<PortalText> text, MovePhase phase, string key, params object[] arguments) =>
        text[$"{key}.{phase}", arguments];
}
