using Portal.Core;
using Portal.Core.Configuration;
using Portal.Web;

var paths = PortalPaths.Locate();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = paths.ContentRoot,
    WebRootPath = paths.WebRoot,
});
// Under systemd (Deploy/portal.service, Type=notify): ready is reported once start-up has passed every check, and the
// log is written for the journal. Elsewhere this changes nothing.
builder.Host.UseSystemd();
builder.Services.AddPortalWeb();

var app = builder.Build();

// Print every configuration problem at once, naming each key, instead of starting half-way.
var problems = ConfigurationCheck.Run(app.Services);
if (problems.Count > 0)
{
    await Console.Error.WriteLineAsync("The portal cannot start: the configuration has problems.");
    foreach (var problem in problems) await Console.Error.WriteLineAsync($"  - {problem}");
    return 1;
}

app.UsePortalWeb();
try
{
    await app.RunAsync();
    return 0;
}
catch (PortalStartupException e)
{
    await Console.Error.WriteLineAsync($"The portal cannot start: {e.Message}");
    return 1;
}

public partial class Program;
