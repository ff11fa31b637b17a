using System.Runtime.CompilerServices;

namespace Portal.Tests.Infrastructure;

internal static class TestProcessSettings
{
    /// <summary>
    /// Hundreds of portals start in this process (and in the programs it runs), each watching its settings files for
    /// changes; every watch is an inotify instance, of which a user has 128 on Debian. A full run ran out, and a host
    /// then failed to start at random. No test changes a settings file while a portal runs, so none watches them; and
    /// the web root's files (watched to fingerprint stylesheet and script addresses) are polled instead.
    /// </summary>
    [ModuleInitializer]
    internal static void NoSettingsWatching()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
