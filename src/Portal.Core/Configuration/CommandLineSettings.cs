using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Configuration;

/// <summary>
/// The site's configuration as a command reads it: appsettings.json and appsettings.{Environment}.json in the content
/// root, then environment variables (`Database__Provider=SqlServer`), in the environment ASPNETCORE_ENVIRONMENT or
/// DOTNET_ENVIRONMENT names (Production when neither does). Read once: a command needs no watching (each watch is an
/// inotify instance, a limited resource). No host is built around it: a command starts only what it uses.
/// </summary>
public sealed record CommandLineSettings(IConfigurationRoot Configuration, IHostEnvironment Environment)
{
    /// <summary>The settings, or null when they cannot be read, after saying why on <paramref name="error"/>.</summary>
    public static async Task<CommandLineSettings?> LoadOrSayWhyAsync(string? contentRoot, TextWriter error)
    {
        try
        {
            return Load(contentRoot);
        }
        catch (DirectoryNotFoundException e)
        {
            await error.WriteLineAsync(e.Message);
        }
        catch (InvalidDataException e)
        {
            // A settings file that is not valid JSON: the message names the file and the position.
            await error.WriteLineAsync($"{e.Message} {e.InnerException?.Message}");
        }

        return null;
    }

    /// <exception cref="DirectoryNotFoundException">No content root.</exception>
    /// <exception cref="InvalidDataException">A settings file that is not valid JSON (the message names the file).</exception>
    private static CommandLineSettings Load(string? contentRoot)
    {
        var root = contentRoot ?? PortalPaths.Locate().ContentRoot;
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The content root '{root}' does not exist.");
        var environment = new CommandLineEnvironment(
            System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
            root);
        var configuration = new ConfigurationBuilder()
            .SetFileProvider(environment.ContentRootFileProvider)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment.EnvironmentName}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .Build();
        return new CommandLineSettings(configuration, environment);
    }

    private sealed class CommandLineEnvironment(string name, string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "portal";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new PhysicalFileProvider(contentRoot);
    }
}
