using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Portal.Core;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Staff;
using Portal.Core.Probe;

namespace Portal.Cli;

/// <summary>`portal`: the operators' tool. Exit codes: 0 done, 1 failed, 2 usage or configuration error, 75 try again later.</summary>
public static class PortalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, string? contentRoot = null, TextReader? input = null)
    {
        var root = new RootCommand("Operator tools for the member mail-settings portal.");

        var migrate = new Command("migrate", "Apply the database migrations for the configured provider (Database:Provider).");
        migrate.SetAction((_, ct) => WithPortalAsync(contentRoot, error, sp => MigrateCommand.RunAsync(sp, output, error, ct)));
        root.Subcommands.Add(migrate);

        var config = new Command("config", "Work with the portal's configuration.");
        var check = new Command("check", "Validate the configuration and print every problem; exit 1 if there is any.");
        check.SetAction((_, ct) => WithPortalAsync(contentRoot, error, sp => ConfigCheckCommand.RunAsync(sp, output, ct), Portal.Core.Content.ContentCheck.AddTo));
        config.Subcommands.Add(check);
        root.Subcommands.Add(config);

        root.Subcommands.Add(ProbeCommand.AddTo(new Command("probe", ProbeCommand.Description), contentRoot, input, output, error));

        var checkJson = new Option<bool>("--json") { Description = "Print one JSON object." };
        var checkMessage = new Command("check-message", "Read one raw message from standard input and tell how it reached the ISP's server. Exit 0 when it can tell, 1 when not, 2 usage.")
        {
            checkJson,
        };
        checkMessage.SetAction((p, ct) => WithPortalAsync(contentRoot, error, sp => CheckMessageCommand.RunAsync(sp, p.GetValue(checkJson), input ?? Console.In, output, error, ct)));
        root.Subcommands.Add(checkMessage);

        var staffEmail = new Option<string>("--email") { Description = "The staff member's mail address (their sign-in name).", Required = true };
        var staffRole = new Option<string>("--role") { Description = "agent or admin.", Required = true };
        staffRole.AcceptOnlyFromAmong(StaffRoles.All.ToArray());
        var staffAdd = new Command("add", "Add a staff account; its password is read from standard input.") { staffEmail, staffRole };
        staffAdd.SetAction((p, ct) => WithDatabaseAsync(contentRoot, error, sp => StaffCommand.AddAsync(sp, p.GetValue(staffEmail)!, p.GetValue(staffRole)!, input ?? Console.In, output, error, ct), ct));
        var disableEmail = new Option<string>("--email") { Description = "The staff member's mail address.", Required = true };
        var staffDisable = new Command("disable", "Disable a staff account; its sessions end with their next request.") { disableEmail };
        staffDisable.SetAction((p, ct) => WithDatabaseAsync(contentRoot, error, sp => StaffCommand.DisableAsync(sp, p.GetValue(disableEmail)!, output, error, ct), ct));
        root.Subcommands.Add(new Command("staff", "Support staff accounts.") { staffAdd, staffDisable });

        var importFile = new Argument<string>("FILE") { Description = "A CSV file: account,email,name[,program][,language], UTF-8 or Shift_JIS." };
        var validOnly = new Option<bool>("--valid-only") { Description = "Import the valid rows even when others have problems." };
        var import = new Command("import", "Validate a members CSV and import it (upsert by account). Exit 0 imported, 1 not.") { importFile, validOnly };
        import.SetAction((p, ct) => WithDatabaseAsync(contentRoot, error, sp => MembersCommand.ImportAsync(sp, p.GetValue(importFile)!, p.GetValue(validOnly), output, error, ct), ct));
        root.Subcommands.Add(new Command("members", "The members the ISP has to move.") { import });

        var outboxJson = new Option<bool>("--json") { Description = "Print one JSON object." };
        var outboxStatus = new Command("status", "How many messages to members are queued, sent and failed. Exit 0, 1 if the database cannot be read, 2 on configuration errors.")
        {
            outboxJson,
        };
        outboxStatus.SetAction((p, ct) => WithPortalAsync(contentRoot, error, sp => OutboxCommand.StatusAsync(sp, p.GetValue(outboxJson), output, error, ct)));
        root.Subcommands.Add(new Command("outbox", "The outbox of mail to members.") { outboxStatus });

        var guideId = new Option<string?>("--guide") { Description = "Only this guide (its id, e.g. becky-2)." };
        var guideList = new Option<bool>("--list") { Description = "List the unverified and unrecorded labels under each guide." };
        var guidesJson = new Option<bool>("--json") { Description = "Print one JSON array." };
        var guidesReport = new Command("report", "For each guide and language: the labels it shows, how many have a recorded source, how many are unverified or recorded nowhere. Exit 0, 2 for an unknown guide.")
        {
            guideId, guideList, guidesJson,
        };
        guidesReport.SetAction((p, _) => GuidesCommand.ReportAsync(p.GetValue(guideId), p.GetValue(guideList), p.GetValue(guidesJson), output, error));
        root.Subcommands.Add(new Command("guides", "The built-in guides.") { guidesReport });

        var keysJson = new Option<bool>("--json") { Description = "Print one JSON array." };
        var keys = new Command("keys", "The Data Protection keys the nodes share and how each is protected. Exit 0, 1 if the database cannot be read or a live key is under a certificate not configured here, 2 on configuration errors.")
        {
            keysJson,
        };
        keys.SetAction((p, ct) => WithPortalAsync(contentRoot, error, sp => KeysCommand.ListAsync(sp, p.GetValue(keysJson), output, error, ct)));
        var rotateOneWay = new Command("rotate-one-way-secret", "Replace the secret behind the one-way keys that per-account and per-address limits count by; counts start afresh. Exit 0, 1 if the database cannot be written, 2 on configuration errors.");
        rotateOneWay.SetAction((_, ct) => WithPortalAsync(contentRoot, error, sp => KeysCommand.RotateOneWaySecretAsync(sp, output, error, ct)));
        keys.Subcommands.Add(rotateOneWay);
        root.Subcommands.Add(keys);
        root.Subcommands.Add(EvidenceCommand.Create(contentRoot, output, error, input));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync("Run `portal --help` for usage.");
            return ExitCode.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>Like <see cref="WithPortalAsync"/>, with the database brought up to date first where the site would do so on start (SQLite).</summary>
    internal static Task<int> WithDatabaseAsync(string? contentRoot, TextWriter error, Func<IServiceProvider, Task<int>> command, CancellationToken cancellationToken) =>
        WithPortalAsync(contentRoot, error, async sp =>
        {
            try
            {
                await ActivatorUtilities.CreateInstance<MigrateOnStart>(sp).StartAsync(cancellationToken);
            }
            catch (OptionsValidationException e)
            {
                foreach (var failure in e.Failures) await error.WriteLineAsync(failure);
                return ExitCode.Usage;
            }

            return await command(sp);
        });

    /// <summary>
    /// Runs a command over the site's configuration (<see cref="CommandLineSettings"/>) with the same services as the web
    /// app's Core: checked options, the database, the key ring (the one-way key secret is protected by it), logging.
    /// </summary>
    private static async Task<int> WithPortalAsync(string? contentRoot, TextWriter error, Func<IServiceProvider, Task<int>> command,
        Func<IServiceCollection, IServiceCollection>? more = null)
    {
        if (await CommandLineSettings.LoadOrSayWhyAsync(contentRoot, error) is not { } settings) return ExitCode.Usage;

        var services = new ServiceCollection().AddSingleton<IConfiguration>(settings.Configuration).AddSingleton(settings.Environment);
        // Logs go to standard error, whatever their level: standard output is the command's own (`--json` piped to jq).
        services.AddLogging(logging => logging.AddConfiguration(settings.Configuration.GetSection("Logging"))
            .AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddPortalCore();
        services.AddPortalDataProtection();
        more?.Invoke(services);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return await command(provider);
    }
}
