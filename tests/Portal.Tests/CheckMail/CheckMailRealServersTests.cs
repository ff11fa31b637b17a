using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.CheckMail.RealMailServers;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.CheckMail;

/// <summary>
/// "Check my mail program" against real servers: the member's message goes through Postfix (the submission listener
/// with STARTTLS and AUTH via Dovecot, or the port-25-like plain one) into a Dovecot mailbox, which the portal reads
/// over IMAP (STARTTLS, IDLE), analyses, and empties.
/// </summary>
[Collection("real mail servers")]
public sealed class CheckMailRealServersTests(MailServersFixture servers)
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    private PortalFactory Portal(string? databaseFile = null, string? processedFolder = null, bool idle = true) => new(new Dictionary<string, string?>
    {
        ["CheckMail:Imap:Idle"] = idle ? "true" : "false",
        ["CheckMail:Imap:PollSeconds"] = "1",
        ["Isp:Submission:Host"] = servers.Host,
        ["Isp:MailDomain"] = servers.Domain,
        ["CheckMail:Address"] = servers.CheckAddress,
        ["CheckMail:OurHosts:0"] = servers.ServerName,
        ["CheckMail:PortHeader"] = servers.PortHeader,
        ["CheckMail:Imap:Host"] = servers.Host,
        ["CheckMail:Imap:Port"] = servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CheckMail:Imap:Security"] = "StartTls",
        ["CheckMail:Imap:User"] = servers.CheckUser,
        ["CheckMail:Imap:Password"] = servers.CheckPassword,
        ["CheckMail:Imap:TrustedCertificateFile"] = servers.CertificateFile,
        ["CheckMail:Imap:ProcessedFolder"] = processedFolder,
        ["Logging:LogLevel:Portal"] = "Information",
    }, databaseFile: databaseFile);

    private Task SendThroughSubmissionAsync(string subject, string mailer) =>
        SendThroughSubmissionAsync([CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, subject, mailer)]);

    private async Task SendThroughSubmissionAsync(IEnumerable<MimeKit.MimeMessage> messages)
    {
        using var smtp = new SmtpClient { LocalDomain = "pc01", ServerCertificateValidationCallback = servers.IsServerCertificate, CheckCertificateRevocation = false };
        await smtp.ConnectAsync(servers.Host, servers.SubmissionPort, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync(servers.MemberUser, servers.MemberPassword);
        foreach (var message in messages) await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    private async Task SendThroughPlainAsync(string subject, string mailer)
    {
        using var smtp = new SmtpClient { LocalDomain = "pc01" };
        await smtp.ConnectAsync(servers.Host, servers.PlainPort, SecureSocketOptions.None);
        await smtp.SendAsync(CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, subject, mailer));
        await smtp.DisconnectAsync(true);
    }

    private async Task<int> MessagesIn(string folderName) => (await MessagesInAsync(folderName)).Count;

    /// <summary>What a folder holds, one line a message (UID, flags, subject): for failure messages.</summary>
    private async Task<IReadOnlyList<string>> MessagesInAsync(string folderName)
    {
        using var imap = new ImapClient { ServerCertificateValidationCallback = servers.IsServerCertificate, CheckCertificateRevocation = false };
        await imap.ConnectAsync(servers.Host, servers.ImapPort, SecureSocketOptions.StartTls);
        await imap.AuthenticateAsync(servers.CheckUser, servers.CheckPassword);
        var folder = await imap.GetFolderAsync(folderName);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        if (folder.Count == 0) return [];
        var summaries = await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Envelope);
        return summaries.Select(m => $"UID {m.UniqueId} [{m.Flags}] \"{m.Envelope?.Subject}\"").ToList();
    }

    private async Task EventuallyEmptyAsync(params PortalFactory[] readers)
    {
        // Patience, not a timing: a loaded machine may take a while to deliver and to read.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<string> left;
        while ((left = await MessagesInAsync("INBOX")).Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                var logs = readers.SelectMany((r, i) => r.Watch.Logs.Lines.Where(l => l.Contains("Check mail", StringComparison.Ordinal)).Select(l => $"node {i + 1}: {l}"));
                Assert.Fail($"INBOX still holds:\n{string.Join('\n', left)}\n--- the readers ---\n{string.Join('\n', logs)}\n{servers.Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<AngleSharp.Dom.IDocument> VerdictAsync(HttpClient client, string path, MailServersFixture servers)
    {
        var status = await CheckMailPageTests.WaitForVerdictAsync(client, path, TimeSpan.FromSeconds(30));
        Assert.True(status.QuerySelector("#check-verdict") is not null, $"no verdict in time.{Environment.NewLine}{servers.Diagnostics()}");
        return status;
    }

    [Fact]
    public async Task A_message_through_the_authenticated_submission_listener_is_all_set_and_the_mailbox_is_emptied()
    {
        using var portal = Portal();
        using var client = portal.CreateClient(NoRedirects);
        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);

        await SendThroughSubmissionAsync($"Check {code}", "Becky! ver. 2.75.01");
        var status = await VerdictAsync(client, path, servers);

        Assert.Equal("AllSet", status.QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        Assert.Equal("587 (recorded by our server)", status.QuerySelector("#check-port")!.TextContent.Trim());
        Assert.Equal(("Yes", "Yes"), (status.QuerySelector("#check-auth")!.TextContent, status.QuerySelector("#check-tls")!.TextContent));
        Assert.Equal("/guides/becky-2", status.QuerySelector("#check-program a")!.GetAttribute("href"));
        await EventuallyEmptyAsync(portal);
    }

    [Fact]
    public async Task A_message_through_the_plain_listener_is_port_25_without_authentication_with_the_fixing_step()
    {
        using var portal = Portal();
        using var client = portal.CreateClient(NoRedirects);
        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);

        await SendThroughPlainAsync(code, "Microsoft Outlook Express 6.00.2900.5512");
        var status = await VerdictAsync(client, path, servers);

        Assert.Equal("Port25", status.QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        Assert.Equal(("No", "No"), (status.QuerySelector("#check-auth")!.TextContent, status.QuerySelector("#check-tls")!.TextContent));
        Assert.StartsWith("/guides/outlook-express-6#step-", status.QuerySelector("#check-fix-step")!.GetAttribute("href"), StringComparison.Ordinal);
        await EventuallyEmptyAsync(portal);
    }

    [Fact]
    public async Task After_the_server_drops_the_reader_it_reconnects_and_a_message_without_a_code_is_discarded_after_logging()
    {
        using var portal = Portal();
        using var client = portal.CreateClient(NoRedirects);
        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);
        await SendThroughPlainAsync("Hello, no code in here", "Becky! ver. 2.75.01");
        await EventuallyEmptyAsync(portal);

        await servers.KickAsync(servers.CheckUser, CancellationToken.None);
        await SendThroughSubmissionAsync(code, "Mozilla Thunderbird 128.5.0");
        var status = await VerdictAsync(client, path, servers);

        Assert.Equal("AllSet", status.QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        Assert.Contains(portal.Watch.Logs.Lines, l => l.Contains("has no code in its subject; discarded", StringComparison.Ordinal));
        Assert.Contains(portal.Watch.Logs.Lines, l => l.Contains("stopped", StringComparison.Ordinal) && l.Contains("trying again in 1 s", StringComparison.Ordinal));
        Assert.True(portal.Watch.Logs.Lines.Count(l => l.Contains("Check mail: reading INBOX on", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task Two_nodes_reading_one_mailbox_record_the_result_once_and_processed_mail_can_be_kept_in_a_folder()
    {
        using var first = Portal(processedFolder: "Processed");
        using var second = Portal(first.DatabaseFile, processedFolder: "Processed");
        using var client = first.CreateClient(NoRedirects);
        using var otherClient = second.CreateClient(NoRedirects);
        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);
        var processedBefore = await MessagesInOrZero("Processed");

        await SendThroughSubmissionAsync(code, "Becky! ver. 2.75.01");
        var status = await VerdictAsync(otherClient, path, servers);

        Assert.Equal("AllSet", status.QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        await EventuallyEmptyAsync(first, second);
        // Two nodes moving one message at the same instant may both copy it (IMAP MOVE is copy, then expunge):
        // the archive may hold it twice, the result never is recorded twice.
        var processed = await MessagesIn("Processed") - processedBefore;
        Assert.True(processed is 1 or 2, $"{processed} messages moved to Processed");
        var recorded = first.Watch.Logs.Lines.Concat(second.Watch.Logs.Lines).Count(l => l.Contains($"for code {code.Replace("-", "", StringComparison.Ordinal)}", StringComparison.Ordinal));
        Assert.True(recorded == 1, $"the result was recorded {recorded} times");
    }

    [Fact]
    public async Task Without_IDLE_the_reader_looks_at_the_folder_every_PollSeconds_and_still_gives_the_verdict()
    {
        using var portal = Portal(idle: false);
        using var client = portal.CreateClient(NoRedirects);
        var (path, code) = await CheckMailPageTests.GetCodeAsync(client);

        await SendThroughSubmissionAsync(code, "Mozilla Thunderbird 128.5.0");
        var status = await VerdictAsync(client, path, servers);

        Assert.Equal("AllSet", status.QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        Assert.Contains(portal.Watch.Logs.Lines, l => l.Contains("Check mail: reading INBOX on", StringComparison.Ordinal) && l.Contains("(every 1 s)", StringComparison.Ordinal));
        await EventuallyEmptyAsync(portal);
    }

    [Fact]
    public async Task A_mark_left_without_its_expunge_is_swept_and_a_burst_of_messages_is_read_in_full()
    {
        // What a reader leaves when its connection drops between marking a message and expunging it: a deleted mark that
        // NOT DELETED never finds again.
        using (var imap = new ImapClient { ServerCertificateValidationCallback = servers.IsServerCertificate, CheckCertificateRevocation = false })
        {
            await imap.ConnectAsync(servers.Host, servers.ImapPort, SecureSocketOptions.StartTls);
            await imap.AuthenticateAsync(servers.CheckUser, servers.CheckPassword);
            await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
            await imap.Inbox.AppendAsync(new AppendRequest(CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, "processed, marked, never expunged", "Becky! ver. 2.75.01"), MessageFlags.Deleted));
            await imap.DisconnectAsync(true);
        }

        using var portal = Portal();
        using var client = portal.CreateClient(NoRedirects);
        var codes = new List<(string Path, string Code)>();
        for (var i = 0; i < 5; i++) codes.Add(await CheckMailPageTests.GetCodeAsync(client));

        // Back to back on one connection, so later ones arrive while earlier ones are being read: each must still be read
        // at once, not at the next IDLE restart minutes later.
        await SendThroughSubmissionAsync(codes.Select(c => CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, c.Code, "Becky! ver. 2.75.01")));

        foreach (var (path, _) in codes)
            Assert.Equal("AllSet", (await VerdictAsync(client, path, servers)).QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        await EventuallyEmptyAsync(portal);
    }

    [Fact]
    public async Task A_message_that_cannot_be_recorded_holds_up_none_after_it_and_is_recorded_once_it_can()
    {
        using var portal = Portal();
        using var client = portal.CreateClient(NoRedirects);
        var (stuckPath, stuck) = await CheckMailPageTests.GetCodeAsync(client);
        var (nextPath, next) = await CheckMailPageTests.GetCodeAsync(client);
        var database = portal.Services.GetRequiredService<Portal.Core.Data.PortalDatabase>();
        await using (var connection = await database.OpenAsync(CancellationToken.None))
            await Dapper.SqlMapper.ExecuteAsync(connection,
                $"CREATE TRIGGER Stuck BEFORE UPDATE ON CheckCodes WHEN OLD.Code = '{stuck.Replace("-", "", StringComparison.Ordinal)}' BEGIN SELECT RAISE(ABORT, 'stuck'); END;");

        await SendThroughSubmissionAsync([
            CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, stuck, "Becky! ver. 2.75.01"),
            CheckMailSender.Message(servers.MemberAddress, servers.CheckAddress, next, "Becky! ver. 2.75.01"),
        ]);

        Assert.Equal("AllSet", (await VerdictAsync(client, nextPath, servers)).QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        var waiting = await PageReader.GetAsync(client, stuckPath + "?handler=status&culture=en");
        Assert.Equal("waiting", waiting.QuerySelector("#check-status")!.GetAttribute("data-state"));
        await Outbox.Eventually.TrueAsync(() => Task.FromResult(portal.Watch.Logs.Lines.Any(l =>
            l.Contains("1 message(s) could not be recorded (", StringComparison.Ordinal) && l.Contains("stuck", StringComparison.Ordinal))), "the reader says what it could not record");

        await using (var connection = await database.OpenAsync(CancellationToken.None))
            await Dapper.SqlMapper.ExecuteAsync(connection, "DROP TRIGGER Stuck");
        Assert.Equal("AllSet", (await VerdictAsync(client, stuckPath, servers)).QuerySelector("#check-verdict")!.GetAttribute("data-verdict"));
        await EventuallyEmptyAsync(portal);
    }

    private async Task<int> MessagesInOrZero(string folder)
    {
        try
        {
            return await MessagesIn(folder);
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }
    }
}
