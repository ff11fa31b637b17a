using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.CheckMail;
using Portal.Core.DemoSubmission;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.CheckMail;

/// <summary>Where every check message ends up: whatever one message carries, its code gets an answer and the next message is read.</summary>
public sealed class CheckMailInboxTests
{
    private static HeaderList Message(string code, string received)
    {
        var message = new MimeMessage { Subject = $"Check {code}" };
        message.From.Add(MailboxAddress.Parse("someone@example.jp"));
        message.To.Add(MailboxAddress.Parse("check@example.jp"));
        message.Headers.Add(HeaderId.Received, received);
        return message.Headers;
    }

    private static string Submitted(string clientIp, string protocol = "ESMTPSA") =>
        $"from [192.168.1.2] (unknown [{clientIp}]) by {DemoSubmissionServer.ServerName} with {protocol} id 1; Sat, 28 Nov 2026 10:00:00 +0900";

    [Fact]
    public async Task A_message_the_database_will_not_take_still_answers_its_code_and_the_next_message_is_recorded()
    {
        using var portal = new PortalFactory();
        var codes = portal.Services.GetRequiredService<CheckCodeStore>();
        var inbox = portal.Services.GetRequiredService<CheckMailInbox>();
        // A value this database refuses, as SQL Server refuses one too long for its column: one message, not all of them.
        await using (var sqlite = new SqliteConnection($"Data Source={portal.DatabaseFile}"))
        {
            await sqlite.OpenAsync();
            await using var poison = sqlite.CreateCommand();
            poison.CommandText = "CREATE TRIGGER poison BEFORE UPDATE ON CheckCodes WHEN NEW.SenderIp = '198.51.100.99' BEGIN SELECT RAISE(ABORT, 'refused'); END";
            await poison.ExecuteNonQueryAsync();
        }

        var first = ((CodeIssue.Issued)await codes.IssueAsync("192.0.2.1", null, CancellationToken.None)).Code;
        var second = ((CodeIssue.Issued)await codes.IssueAsync("192.0.2.1", null, CancellationToken.None)).Code;

        Assert.Equal(InboxOutcome.Recorded, await inbox.ReceiveAsync(Message(first.Code, Submitted("198.51.100.99")), CancellationToken.None));
        Assert.Equal(InboxOutcome.Recorded, await inbox.ReceiveAsync(Message(second.Code, Submitted("198.51.100.7")), CancellationToken.None));

        var unrecordable = (await codes.FindAsync(first.Token, CancellationToken.None))!.Result!;
        Assert.Equal(TraceVerdict.CouldNotTell, unrecordable.Verdict);
        Assert.Contains("could not be recorded", unrecordable.Reason, StringComparison.Ordinal);
        Assert.Equal(TraceVerdict.AllSet, (await codes.FindAsync(second.Token, CancellationToken.None))!.Result!.Verdict);
    }

    [Fact]
    public async Task A_with_keyword_longer_than_any_protocol_is_read_as_no_protocol_and_recorded()
    {
        using var portal = new PortalFactory();
        var codes = portal.Services.GetRequiredService<CheckCodeStore>();
        var inbox = portal.Services.GetRequiredService<CheckMailInbox>();
        var issued = ((CodeIssue.Issued)await codes.IssueAsync("192.0.2.1", null, CancellationToken.None)).Code;

        Assert.Equal(InboxOutcome.Recorded, await inbox.ReceiveAsync(Message(issued.Code, Submitted("198.51.100.7", "ESMTPSA" + new string('A', 60))), CancellationToken.None));

        var result = (await codes.FindAsync(issued.Token, CancellationToken.None))!.Result!;
        Assert.Null(result.Protocol);
        Assert.Equal(TraceVerdict.NoAuthentication, result.Verdict);
    }
}
