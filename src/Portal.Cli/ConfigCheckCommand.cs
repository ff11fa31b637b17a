using Portal.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;

namespace Portal.Cli;

/// <summary>`portal config check`: every configuration problem, each naming its key.</summary>
internal static class ConfigCheckCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var environment = services.GetRequiredService<IHostEnvironment>();
        await output.WriteLineAsync($"Content root: {environment.ContentRootPath} (environment {environment.EnvironmentName})");

        var problems = ConfigurationCheck.Run(services);
        if (problems.Count == 0)
        {
            await output.WriteLineAsync("Configuration is valid.");
            return ExitCode.Ok;
        }

        await output.WriteLineAsync($"{problems.Count} configuration problem(s):");
        foreach (var problem in problems) await output.WriteLineAsync($"  - {problem}");
        return ExitCode.Failed;
    }
}
