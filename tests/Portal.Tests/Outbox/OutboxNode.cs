using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core;
using Portal.Core.Configuration;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;


namespace Portal.Tests.Outbox;

/// <summary>
/// One portal node as far as the outbox goes: the portal's own services and its <see cref="OutboxSender"/> in a host
/// of its own, on a database other nodes may share. Starting and stopping it is starting and stopping a node.
/// </summary>
public sealed class OutboxNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder _folder = new();

    private OutboxNode(TestDatabase database, IDictionary<string, string?> settings, TimeProvider? time, Action<IServiceCollection>? services)
    {
        var location = database.Database.Location;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = location.Provider.ToString(),
            ["Database:ConnectionString"] = location.ConnectionString,
        });
        builder.Configuration.AddInMemoryCollection(KeyCertificate.Settings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs);
        builder.Services.AddPortalCore();
        // Campaign copies are written, their links signed, as they are sent.
        builder.Services.AddPortalDataProtection();
        services?.Invoke(builder.Services);
        builder.Services.AddHostedService<OutboxSender>();
        if (time is not null) builder.Services.AddSingleton(time);
        _host = builder.Build();
    }

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _host.Services;

    public MemberOutbox Outbox => Services.GetRequiredService<MemberOutbox>();

    public OutboxSender Sender => Services.GetServices<IHostedService>().OfType<OutboxSender>().Single();

    public static async Task<OutboxNode> StartAsync(TestDatabase database, IDictionary<string, string?> settings, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var node = new OutboxNode(database, settings, time, services);
        await node._host.StartAsync();
        return node;
    }

    /// <summary>The Outbound settings for sending through <paramref name="relay"/>, plus any others.</summary>
    public static Dictionary<string, string?> Through(TestRelay relay, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outbound:Host"] = "127.0.0.1",
            ["Outbound:Port"] = relay.Port.ToString(CultureInfo.InvariantCulture),
            ["Outbound:Security"] = nameof(ConnectionSecurity.StartTls),
            ["Outbound:User"] = TestRelay.User,
            ["Outbound:Password"] = TestRelay.Password,
            ["Outbound:FromAddress"] = "info@example.jp",
            ["Outbound:FromName"] = "サンプルネット サポート",
            ["Outbound:TrustedCertificateFile"] = relay.TrustFile,
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    /// <summary>Stops the node as the host would on shutdown.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _folder.Dispose();
    }
}
