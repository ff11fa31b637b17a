using Portal.Core.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Configuration;

namespace Portal.Core.CheckMail;

/// <summary>
/// Reads the check address's mailbox (CheckMail:Imap) and hands each message's header to the inbox, then deletes it or
/// moves it to the processed folder, so the box never grows. IDLE when the server offers it and CheckMail:Imap:Idle
/// allows, polling otherwise; reconnects with a doubling wait when the server goes away. Several nodes may read one box: a code's result is
/// recorded once, and a message another node removed first is simply gone.
/// </summary>
public sealed class CheckMailboxReader(
    IOptions<CheckMailOptions> options, CheckMailInbox inbox, IHostEnvironment environment, TimeProvider time, ILogger<CheckMailboxReader> logger)
    : BackgroundService
{
    // RFC 9051: a server may drop a client that has been idle for 30 minutes; start a new IDLE well before.
    private static readonly TimeSpan IdleRestart = TimeSpan.FromMinutes(9);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var imap = options.Value.Imap;
        if (!imap.IsConfigured) return;

        var wait = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = new ImapClient { Timeout = 30_000 };
                await ConnectAsync(client, imap, stoppingToken);
                wait = TimeSpan.FromSeconds(1);
                await ReadUntilDroppedAsync(client, imap, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Anything (the server restarting, a refused login, the database away) ends this connection, not the reader:
                // unread messages stay in the box for the next try.
                logger.LogWarning("Check mail: reading {Host}:{Port} {Folder} stopped ({Reason}); trying again in {Seconds} s",
                    imap.Host, imap.EffectivePort, imap.Folder, e.Message, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, imap.MaxReconnectSeconds));
            }
        }
    }

    private async Task ConnectAsync(ImapClient client, CheckMailbox imap, CancellationToken cancellationToken)
    {
        var certificates = new CertificateCheck(TrustedCertificates.Load(imap.TrustedCertificateFile, environment.ContentRootPath), acceptAnyForDevelopment: false);
        client.ServerCertificateValidationCallback = certificates.Validate;
        try
        {
            await client.ConnectAsync(imap.Host!, imap.EffectivePort, imap.Security.ToSecureSocketOptions(), cancellationToken);
        }
        catch (MailKit.Security.SslHandshakeException) when (certificates.Refusal is { } refusal)
        {
            throw new IOException($"the server's certificate is refused: {refusal}");
        }

        await client.AuthenticateAsync(imap.User!, imap.Password!, cancellationToken);
        if (!imap.Idle) client.Capabilities &= ~ImapCapabilities.Idle;
        logger.LogInformation("Check mail: reading {Folder} on {Host}:{Port} as {User} ({Mode})",
            imap.Folder, imap.Host, imap.EffectivePort, imap.User, client.Capabilities.HasFlag(ImapCapabilities.Idle) ? "IDLE" : $"every {imap.PollSeconds} s");
    }

    private async Task ReadUntilDroppedAsync(ImapClient client, CheckMailbox imap, CancellationToken cancellationToken)
    {
        var folder = await client.GetFolderAsync(imap.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = imap.ProcessedFolder is { Length: > 0 } name ? await ProcessedFolderAsync(client, name, cancellationToken) : null;
        var newMail = new NewMail();
        folder.CountChanged += newMail.Changed;
        try
        {
            while (true)
            {
                newMail.Seen();
                await ProcessAllAsync(folder, processed, cancellationToken);
                if (client.Capabilities.HasFlag(ImapCapabilities.Idle)) await newMail.IdleAsync(client, time, cancellationToken);
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(imap.PollSeconds), time, cancellationToken);
                    await client.NoOpAsync(cancellationToken);
                }
            }
        }
        finally
        {
            folder.CountChanged -= newMail.Changed;
        }
    }

    private async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            // Made on first use, so an operator only names it. If another node makes it first, the next connection finds it.
            logger.LogInformation("Check mail: creating the folder {Folder} for processed messages", name);
            return await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, isMessageFolder: true, cancellationToken)
                   ?? throw new IOException($"the server did not create the folder {name}");
        }
    }

    private async Task ProcessAllAsync(IMailFolder folder, IMailFolder? processed, CancellationToken cancellationToken)
    {
        Exception? firstFailure = null;
        var failures = 0;
        foreach (var uid in await folder.SearchAsync(SearchQuery.NotDeleted, cancellationToken))
        {
            HeaderList headers;
            try
            {
                // The header tells everything the check needs; the body is never fetched.
                headers = await folder.GetHeadersAsync(uid, cancellationToken);
            }
            catch (MessageNotFoundException)
            {
                continue; // another node took it between our search and this fetch
            }

            try
            {
                await inbox.ReceiveAsync(headers, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // This one stays in the box; the ones after it are not held up behind it.
                firstFailure ??= e;
                failures++;
                continue;
            }

            try
            {
                if (processed is not null) await folder.MoveToAsync(uid, processed, cancellationToken);
                else await folder.AddFlagsAsync(uid, MessageFlags.Deleted, silent: true, cancellationToken);
            }
            catch (ImapCommandException e) when (e.Response == ImapCommandResponse.No)
            {
                // Mostly another node moving it first (Dovecot: NO [EXPUNGEISSUED]). Otherwise it stays for the next pass,
                // which finds its code already used and tries again: no reason to drop the connection.
                logger.LogInformation("Check mail: message {Uid} was not {Action} ({Reason})", uid, processed is null ? "marked deleted" : $"moved to {processed.FullName}", e.ResponseText);
            }
        }

        // Every mark is expunged, not only this pass's: a mark whose expunge never came (the connection dropped in between,
        // here or on another node) is invisible to NOT DELETED and would stay for ever. Each was set after its message was recorded.
        var marked = await folder.SearchAsync(SearchQuery.Deleted, cancellationToken);
        if (marked.Count > 0) await folder.ExpungeAsync(cancellationToken);
        // Through the reconnect loop, so what could not be recorded is tried again after a short, doubling wait.
        if (firstFailure is not null) throw new IOException($"{failures} message(s) could not be recorded ({firstFailure.Message})", firstFailure);
    }

    /// <summary>
    /// Whether the folder's message count changed since the last look. MailKit reports a new message with whichever reply
    /// brings it, not only during IDLE: one that arrives while another is being processed must still cut the next IDLE short,
    /// so the signal lives as long as the connection.
    /// </summary>
    private sealed class NewMail
    {
        private volatile bool _changed;
        private volatile CancellationTokenSource? _idle;

        public void Changed(object? sender, EventArgs e)
        {
            _changed = true;
            _idle?.Cancel();
        }

        public void Seen() => _changed = false;

        public async Task IdleAsync(ImapClient client, TimeProvider time, CancellationToken cancellationToken)
        {
            using var done = new CancellationTokenSource(IdleRestart, time);
            _idle = done;
            try
            {
                if (!_changed) await client.IdleAsync(done.Token, cancellationToken);
            }
            finally
            {
                _idle = null;
            }
        }
    }
}
