using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Portal.Core.DemoSubmission;

namespace Portal.Core.CheckMail;

/// <summary>
/// In demo mode there is no mailbox to read: the demo server hands messages for the check address straight to the
/// inbox, stamped as a real submission server would stamp them (a port header, then a Received line with the
/// RFC 3848 keyword of the session), so the same analyser reads them. Everything else is dropped, as before.
/// </summary>
public sealed class CheckMailDemoDelivery(CheckMailSetup setup, CheckMailInbox inbox, TimeProvider time) : IDemoMessageSink
{
    public async Task AcceptAsync(DemoMessage message, CancellationToken cancellationToken)
    {
        if (!message.Recipients.Any(setup.IsCheckAddress)) return;

        using var raw = new MemoryStream(Stamp(message));
        var headers = await HeaderList.LoadAsync(raw, cancellationToken);
        await inbox.ReceiveAsync(headers, cancellationToken);
    }

    internal byte[] Stamp(DemoMessage message)
    {
        var keyword = "ESMTP" + (message.IsTls ? "S" : "") + (message.AuthenticatedUser.Length > 0 ? "A" : "");
        var helo = Clean(message.Helo) ?? "unknown";
        var ip = message.ClientIp?.ToString() ?? "unknown";
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        var date = MimeKit.Utils.DateUtils.FormatDate(time.GetUtcNow());
        var authenticated = message.AuthenticatedUser.Length > 0 ? $"\r\n\t(Authenticated sender: {Clean(message.AuthenticatedUser)})" : "";
        var stamp = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{TraceAnalyser.DemoPortHeader}: {(message.ImplicitTls ? 465 : 587)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Received: from {helo} ({helo} [{ip}]){authenticated}\r\n\tby {DemoSubmissionServer.ServerName} (Portal demo submission) with {keyword} id {id}\r\n\t; {date}\r\n")
            .ToString();
        return [.. Encoding.ASCII.GetBytes(stamp), .. message.RawMessage.Span];
    }

    // Only what a header may hold: a client names itself, and the name goes into a header line.
    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new string(value.Where(c => c is > ' ' and < '\u007f' and not '(' and not ')').Take(255).ToArray());
}
