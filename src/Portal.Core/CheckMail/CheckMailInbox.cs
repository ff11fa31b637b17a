using System.Data.Common;
using Microsoft.Extensions.Logging;
using MimeKit;
using Portal.Core.Data;
using Portal.Core.Members;

namespace Portal.Core.CheckMail;

public enum InboxOutcome
{
    /// <summary>The message carried a live code; its analysis is now that code's result.</summary>
    Recorded,

    /// <summary>No code in the subject: not a check message (spam, a bounce, a member who forgot it).</summary>
    NoCode,

    /// <summary>A code, but unknown, expired or already used.</summary>
    NoLiveCode,
}

/// <summary>
/// Where every message to the check address ends up, whoever read it (the IMAP reader, or the demo server directly):
/// the code in its subject is looked up, the trace analysed, and the result recorded once.
/// </summary>
public sealed class CheckMailInbox(
    TraceAnalyser analyser, CheckCodeStore codes, Members.MemberProgress members, PortalDatabase database, ILogger<CheckMailInbox> logger)
{
    public async Task<InboxOutcome> ReceiveAsync(HeaderList headers, CancellationToken cancellationToken)
    {
        var messageId = headers[HeaderId.MessageId];
        var candidates = CheckCode.FindIn(headers[HeaderId.Subject]);
        if (candidates.Count == 0)
        {
            logger.LogInformation("Check mail: message {MessageId} has no code in its subject; discarded", messageId);
            return InboxOutcome.NoCode;
        }

        var analysis = analyser.Analyse(headers);
        var from = InternetAddressList.TryParse(headers[HeaderId.From] ?? "", out var addresses) ? addresses.Mailboxes.FirstOrDefault()?.Address : null;
        var check = await members.CheckOfAsync(from, analysis, cancellationToken);
        var (recorded, refused) = await RecordAsync(candidates, analysis, check, cancellationToken);
        if (refused is not null)
        {
            // Something in this message the database would not take: its code still gets an answer, so the member is not
            // left waiting and the reader is not held on one message. (The database being away fails before this, or
            // fails the second write too, and the message stays for the next pass.)
            logger.LogError(refused, "Check mail: message {MessageId} could not be recorded as read; recording \"could not tell\" instead", messageId);
            analysis = new TraceAnalysis(TraceVerdict.CouldNotTell, null, null, null, "none", null, null, null, null, "the message arrived, but what its trace says could not be recorded");
            (recorded, refused) = await RecordAsync(candidates, analysis, null, cancellationToken);
            if (refused is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
        }

        if (recorded is null)
        {
            logger.LogInformation("Check mail: message {MessageId} names no live code ({Codes}); discarded", messageId, string.Join(", ", candidates));
            return InboxOutcome.NoLiveCode;
        }

        logger.LogInformation("Check mail: message {MessageId} for code {Code}: {Verdict} ({Reason})", messageId, recorded, analysis.Verdict, analysis.Reason);
        return InboxOutcome.Recorded;
    }

    /// <summary>
    /// Records the analysis for the first live code among the candidates: that code, or null when none was live; or the
    /// database's refusal of the analysis itself (a value it would not take), as distinct from any other failure.
    /// </summary>
    private async Task<(string? Code, DbException? Refused)> RecordAsync(IReadOnlyList<string> candidates, TraceAnalysis analysis, MemberCheck? check,
        CancellationToken cancellationToken)
    {
        // The code's result and the member's timeline commit together: a message read again after a failure finds its
        // code still live, never used up with nothing on the timeline.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var code in candidates)
        {
            try
            {
                if (!await codes.RecordAsync(transaction, code, analysis, cancellationToken)) continue;
            }
            catch (DbException e)
            {
                return (null, e);
            }

            if (check is not null) await members.RecordCheckAsync(transaction, check, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (code, null);
        }

        return (null, null);
    }
}
