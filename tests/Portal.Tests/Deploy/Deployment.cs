using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Tests.Deploy;

/// <summary>
/// The deployment files in src/Portal.Web/Deploy read as systemd reads them, and turned into the environment of one test
/// deployment: the unit's paths and port moved to the test's own folders and a free loopback port, nothing else changed.
/// </summary>
public sealed partial class Deployment
{
    public const string InstallFolder = "/opt/portal";
    public const string StateFolder = "/var/lib/portal";
    public const string KeyCertificateFile = "/etc/portal/keys.pfx";

    private Deployment(IReadOnlyList<(string Key, string Value)> unit, IReadOnlyList<(string Name, string Value)> environmentFile)
    {
        Unit = unit;
        EnvironmentFile = environmentFile;
    }

    /// <summary>Every Key=Value line of portal.service, in order.</summary>
    public IReadOnlyList<(string Key, string Value)> Unit { get; }

    /// <summary>Every NAME=value line of portal.env, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> EnvironmentFile { get; }

    public string UnitValue(string key) => Unit.Single(u => u.Key == key).Value;

    /// <summary>The unit's Environment= lines as name and value.</summary>
    public IEnumerable<(string Name, string Value)> UnitEnvironment() =>
        Unit.Where(u => u.Key == "Environment").Select(u => u.Value.Split('=', 2)).Select(p => (p[0], p[1]));

    public static Deployment Read() => new(
        UnitFile("portal.service"),
        Lines(PublishedPortal.DeployFile("portal.env")).Select(l => l.Split('=', 2)).Select(p => (p[0].Trim(), Unquoted(p[1]))).ToList());

    /// <summary>Every Key=Value line of a unit file in Deploy/, in order.</summary>
    public static IReadOnlyList<(string Key, string Value)> UnitFile(string file) =>
        Lines(PublishedPortal.DeployFile(file)).Where(l => !l.StartsWith('[')).Select(l => l.Split('=', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToList();

    /// <summary>A value in double quotes (one with spaces, so that a shell can read the file too) without them, as systemd reads it.</summary>
    private static string Unquoted(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    /// <summary>
    /// What the portal's process gets under systemd (the unit's Environment= lines, then the environment file), moved to
    /// this test's folders: the install folder to the publish folder, the state folder to <paramref name="state"/>, the key
    /// certificate to the test run's, the port to <paramref name="port"/>.
    /// </summary>
    public Dictionary<string, string> EnvironmentFor(string installed, string state, int port)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in UnitEnvironment().Concat(EnvironmentFile))
        {
            environment[name] = value
                .Replace(KeyCertificateFile, Infrastructure.KeyCertificate.File, StringComparison.Ordinal)
                .Replace(InstallFolder, installed, StringComparison.Ordinal)
                .Replace(StateFolder, state, StringComparison.Ordinal)
                .Replace("127.0.0.1:5080", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
        }

        environment["DataProtection__CertificatePassword"] = Infrastructure.KeyCertificate.Password;
        return environment;
    }

    /// <summary>The program and its arguments of ExecStart, split as systemd splits them (no quoting is used in the unit).</summary>
    public IReadOnlyList<string> ExecStart() => Whitespace().Split(UnitValue("ExecStart"));

    private static IEnumerable<string> Lines(string file) =>
        File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
