using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Portal.Core.Configuration;

namespace Portal.Cli;

/// <summary>
/// The site's configuration as a command reads it: appsettings.json and appsettings.{Environment}.json in the content
/// root, then environment variables (`Database__Provider=SqlServer`), in the environment ASPNETCORE_ENVIRONMENT or
/// DOTNET_ENVIRONMENT names (Production when neither does). Read once: a command needs no watching (each watch is an
/// inotify instance, a limited resource). No host is built around it: a command starts only the services it uses.
/// </summary>
internal sealed record CliSettings(IConfigurationRoot Configuration, IHostEnvironment Environment)
{
    /// <exception cref="DirectoryNotFoundException">No content root.</exception>
    /// <exception cref="InvalidDataException">A settings file that is not valid JSON (the message names the file).</exception>
    public static CliSettings Load(string? contentRoot)
    {
        var root = contentRoot ?? PortalPaths.Locate().ContentRoot;
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The content root '{root}' does not exist.");
        var environment = new CliEnvironment(
            System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
            root);
        var configuration = new ConfigurationBuilder()
            .SetFileProvider(environment.ContentRootFileProvider)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment.EnvironmentName}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .Build();
        return new CliSettings(configuration, environment);
    }

    private sealed class CliEnvironment(string name, string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = typeof(CliSettings).Assembly.GetName().Name!;

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new PhysicalFileProvider(contentRoot);
    }
}
