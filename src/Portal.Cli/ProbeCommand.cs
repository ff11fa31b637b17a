using Portal.Core.Mail;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Probe;

namespace Portal.Cli;

/// <summary>`portal probe`: the same probe as the web page, for operators; the password comes from standard input only.</summary>
internal static class ProbeCommand
{
    public sealed record Arguments(string User, bool PasswordFromStdin, string? Host, int? Port, string? Security, string? TrustCert, string? Sender, bool Json);

    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!args.PasswordFromStdin)
        {
            await error.WriteLineAsync("The password is read from standard input only: add --password-stdin and pipe it in.");
            return PortalCommand.Usage;
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
                return PortalCommand.Usage;
            }

            security = chosen;
        }

        if (args.Port is < 1 or > 65535)
        {
            await error.WriteLineAsync($"--port must be between 1 and 65535 (was {args.Port}).");
            return PortalCommand.Usage;
        }

        var password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? "";
        if (password.Length == 0)
        {
            await error.WriteLineAsync("No password on standard input.");
            return PortalCommand.Usage;
        }

        ProbeSettings settings;
        ProbeRequest request;
        try
        {
            settings = services.GetRequiredService<ProbeSettingsSource>().Current();
            request = services.GetRequiredService<IspAccountProbe>().Request(args.User, password);
            _ = services.GetRequiredService<IOptions<IspOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures) await error.WriteLineAsync(failure);
            return PortalCommand.Usage;
        }

        if (args.TrustCert is { } file)
        {
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"--trust-cert '{file}' does not exist.");
                return PortalCommand.Usage;
            }

            var (certificates, problem) = TrustedCertificates.ReadPem(Path.GetFullPath(file));
            if (problem is not null)
            {
                await error.WriteLineAsync($"--trust-cert '{file}' {problem}.");
                return PortalCommand.Usage;
            }

            var trust = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(settings.ExtraTrust);
            trust.AddRange(certificates);
            settings = settings with { ExtraTrust = trust };
        }

        // --security ssl alone means the ISP's implicit-TLS server (port 465 style), when it has one.
        var implicitTls = services.GetRequiredService<Portal.Core.DemoSubmission.DemoMode>().ImplicitTls;
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

        return report.Verdict != ProbeVerdict.Fail ? PortalCommand.Ok
            : report.Diagnosis == Diagnosis.ServerBusy ? PortalCommand.TryLater
            : PortalCommand.Failed;
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
