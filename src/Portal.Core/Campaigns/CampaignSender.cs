using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Security.Cryptography;
using Portal.Core.Staff;

namespace Portal.Core.Campaigns;

/// <summary>
/// Carries out campaign sends on every node: takes one that is wanted (a lease in the database, so one node works on
/// it at a time), queues its members a page at a time from where the last holder stopped, and marks it done. A node
/// that stops gives its send back; one that dies loses it when the lease runs out. A million members never sit in
/// one request or in memory.
/// </summary>
public sealed class CampaignSender(CampaignQueue queue, CampaignStore campaigns, StaffAudit audit, TimeProvider time, ILogger<CampaignSender> logger)
    : BackgroundService
{
    private const int Page = 1000;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A send was asked for on this node: look at once rather than at the next poll.</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = Volatile.Read(ref _wake).Task;
            try
            {
                if (await SendOneAsync(stoppingToken)) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ArgumentException)
            {
                // The lease runs out and this or another node resumes where the last page was recorded.
                logger.LogWarning(e, "Campaign send interrupted: {Reason}", e.Message);
            }

            try
            {
                await Task.WhenAny(woken, Task.Delay(Poll, time, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Works on one wanted send until it is done, the lease is lost or the node stops; false when none was wanted.</summary>
    public async Task<bool> SendOneAsync(CancellationToken stoppingToken)
    {
        var owner = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        if (await campaigns.ClaimSendAsync(owner, time.GetUtcNow() + Lease, stoppingToken) is not { } id) return false;
        var campaign = await campaigns.FindAsync(id, stoppingToken);
        if (campaign is not { SendBy: { } staff, SendBaseUrl: not null }) return true;

        var after = campaign.QueuedUpTo;
        // The next page is read while this one is written.
        Task<(IReadOnlyList<Members.Member> Page, IReadOnlyList<CampaignCopy> Copies)> NextAsync(long afterId) => Task.Run(async () =>
        {
            var page = await campaigns.MembersAsync(campaign.Filter, afterId, Page, stoppingToken);
            return (page, queue.Prepare(page));
        }, stoppingToken);

        try
        {
            var next = NextAsync(after);
            while (true)
            {
                var (page, copies) = await next;
                if (page.Count == Page) next = NextAsync(page[^1].Id);
                var sent = await queue.WriteAsync(campaign, copies, staff, stoppingToken);
                if (page.Count > 0) after = page[^1].Id;
                if (!await campaigns.AdvanceSendAsync(id, owner, after, sent.Queued, time.GetUtcNow() + Lease, stoppingToken))
                {
                    logger.LogWarning("Campaign {Campaign}: another node took the send over after member {Member}", id, after);
                    return true;
                }

                if (page.Count < Page) break;
            }

            if (await campaigns.FinishSendAsync(id, owner, stoppingToken))
            {
                var done = await campaigns.FindAsync(id, stoppingToken);
                await audit.RecordAsync(staff, "campaign-sent", $"campaign {id} ({campaign.Name}): {done?.Queued} queued in all", stoppingToken);
                logger.LogInformation("Campaign {Campaign} sent: {Queued} queued in all", id, done?.Queued);
            }

            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: give the send back so another node goes on at once from the last page recorded.
            await campaigns.ReleaseSendAsync(id, owner, CancellationToken.None);
            throw;
        }
    }
}
