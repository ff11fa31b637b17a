using Portal.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Staff;

namespace Portal.Cli;

/// <summary>`portal staff add|disable`: support staff accounts; the password comes from standard input only.</summary>
internal static class StaffCommand
{
    public static async Task<int> AddAsync(IServiceProvider services, string email, string role, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await CheckedAsync(services, error) is not { } accounts) return ExitCode.Usage;
        var password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? "";
        if (password.Length == 0)
        {
            await error.WriteLineAsync("No password on standard input: pipe it in (it is never taken from an argument).");
            return ExitCode.Usage;
        }

        if (await accounts.AddAsync(email, role, password, cancellationToken) is { } problem)
        {
            await error.WriteLineAsync($"Not added: {problem}.");
            return ExitCode.Failed;
        }

        await services.GetRequiredService<StaffAudit>().RecordAsync("portal (command line)", "staff-added", $"{StaffAccounts.Normalize(email)} as {role}", cancellationToken);
        await output.WriteLineAsync($"Added {StaffAccounts.Normalize(email)} ({role}).");
        return ExitCode.Ok;
    }

    public static async Task<int> DisableAsync(IServiceProvider services, string email, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await CheckedAsync(services, error) is not { } accounts) return ExitCode.Usage;
        if (!await accounts.DisableAsync(email, cancellationToken))
        {
            await error.WriteLineAsync($"No staff account {StaffAccounts.Normalize(email)}.");
            return ExitCode.Failed;
        }

        await services.GetRequiredService<StaffAudit>().RecordAsync("portal (command line)", "staff-disabled", StaffAccounts.Normalize(email), cancellationToken);
        await output.WriteLineAsync($"Disabled {StaffAccounts.Normalize(email)}: their sessions end with their next request.");
        return ExitCode.Ok;
    }

    internal static async Task<StaffAccounts?> CheckedAsync(IServiceProvider services, TextWriter error)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<StaffOptions>>().Value;
            return services.GetRequiredService<StaffAccounts>();
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures) await error.WriteLineAsync(failure);
            return null;
        }
    }
}
