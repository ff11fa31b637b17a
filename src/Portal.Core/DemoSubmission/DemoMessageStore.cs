using System.Buffers;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Portal.Core.DemoSubmission;

/// <summary>Hands each accepted message to the <see cref="IDemoMessageSink"/>.</summary>
internal sealed class DemoMessageStore(IDemoMessageSink sink, ILogger logger) : IMessageStore
{
    /// <summary>Session property holding the EHLO/HELO name (SmtpServer does not keep it).</summary>
    public const string HeloKey = "Portal:Helo";

    public async Task<SmtpResponse> SaveAsync(
        ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var message = new DemoMessage(
            transaction.From.AsAddress() ?? string.Empty,
            transaction.To.Select(recipient => recipient.AsAddress()).ToArray(),
            context.Authentication.User,
            context.Pipe.IsSecure,
            buffer.ToArray(),
            context.Properties.TryGetValue(HeloKey, out var helo) ? helo as string : null,
            context.Properties.TryGetValue(SmtpServer.Net.EndpointListener.RemoteEndPointKey, out var remote) ? (remote as System.Net.IPEndPoint)?.Address : null,
            context.EndpointDefinition.IsSecure);

        try
        {
            await sink.AcceptAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // SmtpServer turns the exception into a bare 554 without logging it.
            logger.LogError(ex, "Demo submission: the message sink failed; the client was told the transaction failed");
            throw;
        }

        logger.LogInformation(
            "Demo submission: accepted a message from {From} for {RecipientCount} recipient(s), {Size} bytes, user {User}",
            message.EnvelopeFrom, message.Recipients.Count, message.RawMessage.Length, message.AuthenticatedUser);
        return SmtpResponse.Ok;
    }
}
