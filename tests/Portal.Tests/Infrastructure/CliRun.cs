using Portal.Cli;

namespace Portal.Tests.Infrastructure;

/// <summary>Runs `portal` in-process on a content root of the test's own, with what it printed.</summary>
public static class CliRun
{
    public static async Task<(int Code, string Output, string Error)> InAsync(string contentRoot, string? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PortalCommand.RunAsync(args, output, error, CancellationToken.None, contentRoot, input is null ? null : new StringReader(input));
        return (code, output.ToString(), error.ToString());
    }
}
