using System.CommandLine;
using Portal.Core;
using Portal.Core.Probe;

namespace Portal.Probe;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = ProbeCommand.AddTo(new RootCommand(ProbeCommand.Description), contentRoot: null, Console.In, Console.Out, Console.Error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync("Run `portal-probe --help` for usage.");
            return ExitCode.Usage;
        }

        return await parsed.InvokeAsync();
    }
}
