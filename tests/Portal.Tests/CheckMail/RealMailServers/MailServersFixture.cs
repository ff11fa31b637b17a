using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portal.Tests.CheckMail.RealMailServers;

[CollectionDefinition("real mail servers")]
public sealed class RealMailServersCollection : ICollectionFixture<MailServersFixture>;

/// <summary>The private Postfix + Dovecot pair (see <see cref="PrivateMailServers"/>) for the tests of one collection; it fails, never skips, when they cannot start.</summary>
public sealed class MailServersFixture(IMessageSink diagnostics)
    : PrivateMailServers(message => diagnostics.OnMessage(new DiagnosticMessage(message))), IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
