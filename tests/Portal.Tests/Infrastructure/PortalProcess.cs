namespace Portal.Tests.Infrastructure;

/// <summary>Runs one of the portal's own programs from the build output (portal.dll, Portal.Web.dll), as an operator would.</summary>
public static class PortalProcess
{
    public static Task<ExternalProgram.Result> RunAsync(string assembly, IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? standardInput = null, TimeSpan? timeout = null) =>
        ExternalProgram.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly), .. args], environment, standardInput, timeout);
}
