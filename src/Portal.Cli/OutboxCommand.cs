using Portal.Core;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Outbox;

namespace Portal.Cli;

/// <summary>`portal outbox status`: how many messages to members are queued, sent and failed, across all nodes.</summary>
internal static class OutboxCommand
{
    public static async Task<int> StatusAsync(IServiceProvider services, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            foreach (var problem in e.Failures) await error.WriteLineAsync(problem);
            return ExitCode.Usage;
        }

        OutboxCounts counts;
        try
        {
            counts = await services.GetRequiredService<MemberOutbox>().CountsAsync(cancellationToken);
        }
        catch (DbException e)
        {
            var database = MigrateCommand.Describe(services.GetRequiredService<PortalDatabase>().Location);
            await error.WriteLineAsync($"Cannot read the outbox in the {database}: {e.Message} (is it migrated? `portal migrate`)");
            return ExitCode.Failed;
        }

        await output.WriteLineAsync(json
            ? JsonSerializer.Serialize(new { queued = counts.Queued, sent = counts.Sent, failed = counts.Failed })
            : $"Outbox: {counts.Queued} queued, {counts.Sent} sent, {counts.Failed} failed");
        return ExitCode.Ok;
    }
}
