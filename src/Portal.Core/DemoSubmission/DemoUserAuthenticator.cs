using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.Authentication;

namespace Portal.Core.DemoSubmission;

/// <summary>Accepts only the configured demo account, as full address or as local part.</summary>
internal sealed class DemoUserAuthenticator : IUserAuthenticator
{
    private readonly string _accountAddress;
    private readonly string _localPart;
    private readonly byte[] _password;
    private readonly ILogger _logger;

    public DemoUserAuthenticator(DemoSubmissionOptions options, ILogger logger)
    {
        _accountAddress = options.AccountAddress;
        _localPart = options.AccountAddress[..options.AccountAddress.LastIndexOf('@')];
        _password = Encoding.UTF8.GetBytes(options.AccountPassword);
        _logger = logger;
    }

    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        // SmtpServer already refuses AUTH before STARTTLS; checked again so that no endpoint setting can make it accept a clear-text password.
        var accepted = context.Pipe.IsSecure
            && (string.Equals(user, _accountAddress, StringComparison.OrdinalIgnoreCase)
                || string.Equals(user, _localPart, StringComparison.OrdinalIgnoreCase))
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _password);

        if (!accepted)
        {
            _logger.LogInformation("Demo submission: authentication failed for user {User}", user);
        }

        return Task.FromResult(accepted);
    }
}
