using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace Portal.Core.DemoSubmission;

/// <summary>
/// Like a real submission server (Postfix's reject_sender_login_mismatch), the demo account may send only as
/// its own address; any recipient is accepted, since the demo delivers nowhere.
/// </summary>
internal sealed class DemoSenderFilter(DemoSubmissionOptions options) : IMailboxFilter
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(from.AsAddress(), options.AccountAddress, StringComparison.OrdinalIgnoreCase));

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
