namespace Portal.Cli;

// A named class, not top-level statements: the web app's global Program is referenced by the tests.
internal static class Program
{
    private static Task<int> Main(string[] args) => PortalCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}
