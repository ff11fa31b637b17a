using System.Text.Json;
using Portal.Cli;

namespace Portal.Tests.Probe;

/// <summary>`portal probe` against the demo server: the same engine, steps printed or as one JSON object, exit codes per verdict.</summary>
public sealed class ProbeCliTests(DemoServerFixture demo) : IClassFixture<DemoServerFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    private string TrustFile()
    {
        var path = _folder.File("demo-ca.pem");
        File.WriteAllText(path, demo.Certificate.ExportCertificatePem());
        return path;
    }

    private Task<(int Code, string Output, string Error)> Run(string? stdin, params string[] args) =>
        // Demo mode off in this content root: host, port and trust come from the arguments.
        RunWith("""{ "Isp": { "Submission": { "Host": "smtp.example.jp" } } }""", stdin, args);

    private async Task<(int Code, string Output, string Error)> RunWith(string appsettings, string? stdin, params string[] args)
    {
        File.WriteAllText(_folder.File("appsettings.json"), appsettings);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PortalCommand.RunAsync(args, output, error, CancellationToken.None, _folder.Path, new StringReader(stdin ?? ""));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_good_account_prints_every_step_and_exits_0()
    {
        var (code, output, _) = await Run(DemoServerFixture.Password + "\n", "probe", "--user", DemoServerFixture.Account, "--password-stdin",
            "--host", "127.0.0.1", "--port", demo.StartTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--trust-cert", TrustFile());

        Assert.Equal(0, code);
        Assert.Contains("Verdict: pass (ok)", output, StringComparison.Ordinal);
        Assert.Contains("authenticate", output, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoServerFixture.Password, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_one_object_with_the_steps()
    {
        var (code, output, _) = await Run(DemoServerFixture.Password, "probe", "--user", DemoServerFixture.Account, "--password-stdin", "--json",
            "--host", "127.0.0.1", "--port", demo.ImplicitTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--security", "ssl", "--trust-cert", TrustFile());

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("pass", json.GetProperty("verdict").GetString());
        Assert.Equal("ok", json.GetProperty("diagnosis").GetString());
        var steps = json.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(10, steps.Count);
        Assert.All(steps, s => Assert.True(s.TryGetProperty("ms", out _) && s.TryGetProperty("detail", out _) && s.TryGetProperty("status", out _)));
    }

    [Fact]
    public async Task A_wrong_password_exits_1_with_auth_failed()
    {
        var (code, output, _) = await Run("wrong-password", "probe", "--user", DemoServerFixture.Account, "--password-stdin", "--json",
            "--host", "127.0.0.1", "--port", demo.StartTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--trust-cert", TrustFile());

        Assert.Equal(1, code);
        Assert.Equal("auth-failed", JsonDocument.Parse(output).RootElement.GetProperty("diagnosis").GetString());
    }

    [Fact]
    public async Task A_temporary_refusal_exits_75_so_that_scripts_try_again_later()
    {
        await using var busy = new Infrastructure.ScriptedSmtpServer((c, ct) => c.SendAsync("421 4.3.2 Too many connections, try again later", ct));

        var (code, output, _) = await Run("pw", "probe", "--user", DemoServerFixture.Account, "--password-stdin", "--json",
            "--host", "127.0.0.1", "--port", busy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(75, code);
        Assert.Equal("server-busy", JsonDocument.Parse(output).RootElement.GetProperty("diagnosis").GetString());
    }

    [Theory]
    [InlineData("--security", "tls13", "--security must be starttls, ssl or none (was 'tls13').")]
    [InlineData("--port", "70000", "--port must be between 1 and 65535 (was 70000).")]
    [InlineData("--trust-cert", "/nonexistent/ca.pem", "--trust-cert '/nonexistent/ca.pem' does not exist.")]
    public async Task Bad_arguments_exit_2_with_a_reason(string option, string value, string message)
    {
        var (code, _, error) = await Run("pw", "probe", "--user", "u", "--password-stdin", option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_is_never_taken_from_an_argument()
    {
        var (missingFlag, _, error) = await Run("pw", "probe", "--user", "u");
        var (asArgument, _, _) = await Run("", "probe", "--user", "u", "--password", "hunter2");

        Assert.Equal(2, missingFlag);
        Assert.Contains("standard input only", error, StringComparison.Ordinal);
        Assert.Equal(2, asArgument);
    }

    [Fact]
    public async Task Only_the_settings_the_probe_uses_are_read_and_checked()
    {
        // A database, a key ring and a mailbox the probe never touches: their settings are the site's business, not the probe's.
        const string others = """
            "Database": { "Provider": "NoSuchDatabase" }, "DataProtection": { "CertificateFile": "/nonexistent/keys.pfx" },
            "CheckMail": { "Imap": { "Port": 0 } }
            """;
        var (works, _, _) = await RunWith($$"""{ "Isp": { "Submission": { "Host": "smtp.example.jp" } }, {{others}} }""", DemoServerFixture.Password,
            "probe", "--user", DemoServerFixture.Account, "--password-stdin",
            "--host", "127.0.0.1", "--port", demo.StartTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--trust-cert", TrustFile());
        var (refused, _, error) = await RunWith($$"""{ "Isp": { "Submission": { "Host": "smtp.example.jp" } }, "Submission": { "StepTimeoutSeconds": 0 }, {{others}} }""",
            DemoServerFixture.Password, "probe", "--user", DemoServerFixture.Account, "--password-stdin");

        Assert.Equal(0, works);
        Assert.Equal(2, refused);
        Assert.Contains("Submission:StepTimeoutSeconds: must be greater than 0 (was 0)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Database", error, StringComparison.Ordinal);
        Assert.DoesNotContain("DataProtection", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
