using Portal.Core;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.CheckMail;

namespace Portal.Cli;

/// <summary>`portal check-message`: how one raw message (from standard input) reached the ISP's server, with the current configuration.</summary>
internal static class CheckMessageCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, bool json, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        TraceAnalyser analyser;
        try
        {
            analyser = services.GetRequiredService<TraceAnalyser>();
            _ = services.GetRequiredService<IOptions<CheckMailOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures) await error.WriteLineAsync(failure);
            return ExitCode.Usage;
        }

        var raw = await input.ReadToEndAsync(cancellationToken);
        if (raw.Length == 0)
        {
            await error.WriteLineAsync("No message on standard input: pipe one raw message (RFC 5322) in.");
            return ExitCode.Usage;
        }

        var analysis = await analyser.AnalyseAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw)), cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                authenticated = analysis.Authenticated,
                tls = analysis.Tls,
                port = analysis.Port,
                portSource = analysis.PortSource,
                program = analysis.Program,
                guide = analysis.Program is null ? null : $"/guides/{analysis.Program}",
                clientIp = analysis.ClientIp?.ToString(),
                dynamicIp = analysis.DynamicIp,
                verdict = analysis.Verdict.ToString(),
            }));
        }
        else
        {
            await output.WriteLineAsync($"Verdict:       {analysis.Verdict} ({analysis.Reason})");
            await output.WriteLineAsync($"Authenticated: {Text(analysis.Authenticated)}");
            await output.WriteLineAsync($"Encrypted:     {Text(analysis.Tls)}");
            await output.WriteLineAsync($"Port:          {(analysis.Port is { } port ? $"{port} ({analysis.PortSource})" : "unknown")}");
            await output.WriteLineAsync($"Program:       {analysis.Program ?? "unknown"}{(analysis.Program is null ? "" : $" (guide /guides/{analysis.Program})")}");
            await output.WriteLineAsync($"Client IP:     {analysis.ClientIp?.ToString() ?? "unknown"}{(analysis.DynamicIp == true ? " (in a dynamic range)" : "")}");
        }

        return analysis.Verdict == TraceVerdict.CouldNotTell ? ExitCode.Failed : ExitCode.Ok;
    }

    private static string Text(bool? value) => value is null ? "unknown" : value.Value ? "yes" : "no";
}
