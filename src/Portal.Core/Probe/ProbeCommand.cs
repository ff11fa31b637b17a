using System.CommandLine;
using System.Text;
using System.Text.Json;
using Portal.Core.Configuration;
using Portal.Core.Mail;

namespace Portal.Core.Probe;

/// <summary>
/// `portal probe` and `portal-probe`: the same probe as the web page, for operators; the password comes from standard
/// input only. Exit 0 pass or warn, 1 fail, 2 usage or configuration error, 75 the server said "not now".
/// </summary>
public static class ProbeCommand
{
    public const string Description = "Probe the submission server with an account: every step, a verdict and a diagnosis. Exit 0 pass or warn, 1 fail, 2 usage, 75 try again later.";

    internal sealed record Arguments(string User, bool PasswordFromStdin, string? Host, int? Port, string? Security, string? TrustCert, string? Sender, bool Json);

    /// <summary>Gives <paramref name="command"/> (`probe` under `portal`, or portal-probe's root) the probe's options and action.</summary>
    public static T AddTo<T>(T command, string? contentRoot, TextReader? input, TextWriter output, TextWriter error) where T : Command
    {
        var user = new Option<string>("--user") { Description = "The account's user name (or mail address).", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (the only way to give it)." };
        var host = new Option<string?>("--host") { Description = "Submission host (default: Isp:Submission:Host, or the demo server)." };
        var port = new Option<int?>("--port") { Description = "Port (default: the configured one)." };
        var security = new Option<string?>("--security") { Description = "starttls, ssl or none (default: the configured one)." };
        var trustCert = new Option<string?>("--trust-cert") { Description = "A PEM file of extra certificates to trust." };
        var sender = new Option<string?>("--sender") { Description = "MAIL FROM address to try (default: the account's address)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        foreach (var option in new Option[] { user, passwordStdin, host, port, security, trustCert, sender, json }) command.Options.Add(option);
        command.SetAction((p, ct) =>
        {
            // Read on another core while the settings are read and the server greets, not in the middle of the TLS handshake.
            if (!string.Equals(p.GetValue(security), "none", StringComparison.OrdinalIgnoreCase)) TrustedCertificates.PreloadSystemStore();
            return RunAsync(contentRoot,
                new Arguments(p.GetValue(user)!, p.GetValue(passwordStdin), p.GetValue(host), p.GetValue(port), p.GetValue(security), p.GetValue(trustCert), p.GetValue(sender), p.GetValue(json)),
                input ?? Console.In, output, error, ct);
        });
        return command;
    }

    /// <summary>
    /// Only what the probe uses: its three settings sections, no database, key ring, content or logging (nothing of
    /// the account can reach a log).
    /// </summary>
    internal static async Task<int> RunAsync(string? contentRoot, Arguments args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!args.PasswordFromStdin)
        {
            await error.WriteLineAsync("The password is read from standard input only: add --password-stdin and pipe it in.");
            return ExitCode.Usage;
        }

        var securities = new Dictionary<string, ConnectionSecurity>(StringComparer.OrdinalIgnoreCase)
        {
            ["starttls"] = ConnectionSecurity.StartTls, ["ssl"] = ConnectionSecurity.SslOnConnect, ["none"] = ConnectionSecurity.None,
        };
        ConnectionSecurity? security = null;
        if (args.Security is not null)
        {
            if (!securities.TryGetValue(args.Security, out var chosen))
            {
                await error.WriteLineAsync($"--security must be starttls, ssl or none (was '{args.Security}').");
                return ExitCode.Usage;
            }

            security = chosen;
        }

        if (args.Port is < 1 or > 65535)
        {
            await error.WriteLineAsync($"--port must be between 1 and 65535 (was {args.Port}).");
            return ExitCode.Usage;
        }

        var password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? "";
        if (password.Length == 0)
        {
            await error.WriteLineAsync("No password on standard input.");
            return ExitCode.Usage;
        }

        if (await CommandLineSettings.LoadOrSayWhyAsync(contentRoot, error) is not { } commandLine) return ExitCode.Usage;
        var (configuration, problems) = ProbeConfiguration.Read(commandLine);
        if (configuration is null)
        {
            foreach (var problem in problems) await error.WriteLineAsync(problem);
            return ExitCode.Usage;
        }

        var settings = configuration.Settings.Current();
        var request = configuration.Accounts.Request(args.User, password);

        if (args.TrustCert is { } file)
        {
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"--trust-cert '{file}' does not exist.");
                return ExitCode.Usage;
            }

            var (certificates, problem) = TrustedCertificates.ReadPem(Path.GetFullPath(file));
            if (problem is not null)
            {
                await error.WriteLineAsync($"--trust-cert '{file}' {problem}.");
                return ExitCode.Usage;
            }

            var trust = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(settings.ExtraTrust);
            trust.AddRange(certificates);
            settings = settings with { ExtraTrust = trust };
        }

        // --security ssl alone means the ISP's implicit-TLS server (port 465 style), when it has one.
        var implicitTls = configuration.Demo.ImplicitTls;
        var switchedToSsl = security == ConnectionSecurity.SslOnConnect && request.Target.Security != ConnectionSecurity.SslOnConnect;
        var target = request.Target with
        {
            Host = args.Host ?? (switchedToSsl && implicitTls is not null ? implicitTls.Host : request.Target.Host),
            Port = args.Port ?? (switchedToSsl ? implicitTls?.Port ?? 465 : request.Target.Port),
            Security = security ?? request.Target.Security,
        };
        request = request with { Target = target, Sender = args.Sender ?? request.Sender };

        var report = await new SubmissionProbe(settings, TimeProvider.System).RunAsync(request, null, cancellationToken);
        if (args.Json)
        {
            await output.WriteLineAsync(Json(report));
        }
        else
        {
            await output.WriteLineAsync($"Probe of {target.Host}:{target.Port} ({target.Security}) as {request.UserName}");
            foreach (var step in report.Steps)
                await output.WriteLineAsync($"  {step.Status.ToString().ToLowerInvariant(),-8} {step.Name,-16} {(step.Status == ProbeStatus.Skipped ? "" : $"{step.Ms} ms"),8}  {step.Detail}");
            await output.WriteLineAsync($"Verdict: {report.Verdict.ToString().ToLowerInvariant()} ({report.Diagnosis})");
        }

        return report.Verdict != ProbeVerdict.Fail ? ExitCode.Ok
            : report.Diagnosis == Diagnosis.ServerBusy ? ExitCode.TryLater
            : ExitCode.Failed;
    }

    /// <summary>The report as one JSON object: verdict, diagnosis and every step (name, status, ms, detail). Written field by field: no serializer to start.</summary>
    private static string Json(ProbeReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("verdict", report.Verdict.ToString().ToLowerInvariant());
            json.WriteString("diagnosis", report.Diagnosis);
            json.WriteStartArray("steps");
            foreach (var step in report.Steps)
            {
                json.WriteStartObject();
                json.WriteString("name", step.Name);
                json.WriteString("status", step.Status.ToString().ToLowerInvariant());
                json.WriteNumber("ms", step.Ms);
                json.WriteString("detail", step.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
