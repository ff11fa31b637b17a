using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Portal.Tests.Infrastructure;

/// <summary>One Chromium and one real Kestrel server, shared by every test class in the "browser" collection.</summary>
[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>
/// The portal on a loopback socket and Debian's Chromium driven by Playwright (never `playwright install`).
/// Each test opens its own context (cookies, viewport, locale) with <see cref="OpenAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ExecutableVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>Every browser test must finish (or fail) within this.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Playwright's wait for one action, navigation or expectation. The portal shares the test process with every other
    /// test class running at the same time (publishing, real mail servers): on a busy 2-core machine, steps that take
    /// milliseconds alone have run out of 15 s in full runs (the cause was not caught; a failure now says where the page
    /// was and what it had loaded, see BrowserAssert).
    /// </summary>
    public const float StepTimeoutMs = 30_000;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalFactory Factory { get; } = new(services: s =>
    {
        s.AddSingleton<Portal.Core.CheckMail.CheckMailDemoDelivery>();
        s.AddSingleton<RecordingDemoSink>();
        s.AddSingleton<Portal.Core.DemoSubmission.IDemoMessageSink>(sp => sp.GetRequiredService<RecordingDemoSink>());
    });

    /// <summary>Every message the demo server took (the outbox's mail, in demo mode).</summary>
    public RecordingDemoSink DemoMail => Factory.Services.GetRequiredService<RecordingDemoSink>();

    /// <summary>Where the portal listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static ViewportSize Phone => new() { Width = 390, Height = 844 };

    public static ViewportSize Desktop => new() { Width = 1280, Height = 900 };

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture is not initialised.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (string.IsNullOrWhiteSpace(executable)) executable = DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{executable}' (set {ExecutableVariable} or install Debian's package). " +
                "Run `bash tests/run.sh`, which installs chromium and fonts-noto-cjk, then runs the tests. Never run `playwright install`.");
        }

        Directory.CreateDirectory(ScreenshotFolder);

        await Task.Run(() =>
        {
            Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            Factory.StartServer();
        }).WaitAsync(StartTimeout);
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                        ?? throw new InvalidOperationException("Kestrel reported no IServerAddressesFeature.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
                      ?? throw new InvalidOperationException($"Kestrel listens on no http address: {string.Join(", ", addresses)}.");
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        _playwright = await Playwright.CreateAsync().WaitAsync(StartTimeout);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Timeout = (float)StartTimeout.TotalMilliseconds,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        }).WaitAsync(StartTimeout);
    }

    /// <summary>A fresh context (own cookies) and page at the given viewport; Playwright waits at most <see cref="StepTimeoutMs"/> per step.</summary>
    public async Task<BrowserPage> OpenAsync(ViewportSize viewport, string? locale = null, bool isMobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport,
            Locale = locale,
            IsMobile = isMobile,
            HasTouch = isMobile,
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        context.SetDefaultNavigationTimeout(StepTimeoutMs);
        var page = await context.NewPageAsync();
        // The browser tests run one at a time (one collection): the last page opened is the one a failure is about.
        return BrowserPage.Last = new BrowserPage(context, page);
    }

    /// <summary>The full path of a screenshot called <paramref name="name"/> in <see cref="ScreenshotFolder"/>.</summary>
    /// <remarks>Any file of that name from an earlier run is removed first, so a test can't pass on a stale screenshot.</remarks>
    public string Screenshot(string name)
    {
        var path = Path.Combine(ScreenshotFolder, name);
        File.Delete(path);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>One browser context and its page, recording what the console and the page reported as errors.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _history = new();

    public BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Record($"console error: {message.Text} (at {message.Location})");
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Response += (_, response) => _history.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {response.Request.Method} {response.Status} {response.Url}");
        page.RequestFailed += (_, request) => _history.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {request.Method} failed ({request.Failure}) {request.Url}");
    }

    /// <summary>The page the running browser test opened last, for the failure message.</summary>
    internal static BrowserPage? Last { get; set; }

    /// <summary>What a failed test's page went through: its requests with their status, where it is now and what it shows.</summary>
    internal async Task<string> DescribeAsync()
    {
        string text;
        try
        {
            text = (await Page.InnerTextAsync("body", new() { Timeout = 2_000 })).ReplaceLineEndings(" ");
        }
        catch (PlaywrightException e)
        {
            text = $"(no text: {e.Message})";
        }

        return $"Page at {Page.Url}; its requests:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", _history.TakeLast(30))}" +
               $"{Environment.NewLine}It shows: {text[..Math.Min(text.Length, 1500)]}";
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors (CSP violations among them) and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }

    private void Record(string error)
    {
        lock (_errors) _errors.Add(error);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
